package org.recoder.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hyperparameters by name: the components of a model's config record, read and set by their names. These names
 * are the one vocabulary of the project: {@code recoder train TYPE --set name=value}, {@code recoder models show
 * TYPE}, the {@code config} object of a model file's header, and (later) experiment files and the HTTP API.
 * A new value goes through the record's canonical constructor, so the record's own validation applies.
 */
public final class Hyperparameters {
    private Hyperparameters() {
    }

    /**
     * One hyperparameter as listed.
     *
     * @param name         the record component's name
     * @param type         {@code int}, {@code long}, {@code float}, {@code double}, {@code boolean}, {@code string}
     *                     or the allowed values of an enum ({@code RELU|SIGMOID|...})
     * @param defaultValue the default, formatted as {@code --set} accepts it
     * @param description  the component's {@link Doc}, or empty
     */
    public record Entry(String name, String type, String defaultValue, String description) {
    }

    /** Every component of {@code defaults}' record type, in declaration order, with the value in {@code defaults}. */
    public static List<Entry> describe(Record defaults) {
        List<Entry> out = new ArrayList<>();
        for (RecordComponent c : defaults.getClass().getRecordComponents()) {
            Doc doc = c.getAnnotation(Doc.class);
            out.add(new Entry(c.getName(), typeName(c.getType()), format(read(defaults, c)), doc == null ? "" : doc.value()));
        }
        return out;
    }

    /** The component names of {@code recordType}, in declaration order. */
    public static List<String> names(Class<? extends Record> recordType) {
        return Arrays.stream(recordType.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    /** Whether {@code recordType} has a component {@code name}. */
    public static boolean has(Class<? extends Record> recordType, String name) {
        return names(recordType).contains(name);
    }

    /** The value of component {@code name} of {@code config}. */
    public static Object get(Record config, String name) {
        return read(config, component(config.getClass(), name, "?"));
    }

    /** Every component of {@code config} by name, in declaration order. */
    public static Map<String, Object> values(Record config) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : config.getClass().getRecordComponents()) {
            m.put(c.getName(), read(config, c));
        }
        return m;
    }

    /**
     * {@code base} with the components named in {@code settings} set from their text (converted to each component's
     * type). {@code model} names the model type in error messages. An unknown name fails listing the valid ones; a
     * value that does not convert fails naming the field and the value; the record's validation names the range.
     */
    public static <R extends Record> R set(R base, Map<String, String> settings, String model) {
        Map<String, Object> typed = new LinkedHashMap<>();
        settings.forEach((name, text) -> {
            RecordComponent c = component(base.getClass(), name, model);
            typed.put(name, convert(c, text, model));
        });
        return with(base, typed, model);
    }

    /** {@code base} with components replaced by typed values (their types must match). */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R with(R base, Map<String, Object> values, String model) {
        if (values.isEmpty()) {
            return base;
        }
        RecordComponent[] cs = base.getClass().getRecordComponents();
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int k = 0; k < cs.length; k++) {
            types[k] = cs[k].getType();
            args[k] = values.containsKey(cs[k].getName()) ? values.get(cs[k].getName()) : read(base, cs[k]);
        }
        for (String name : values.keySet()) {
            component(base.getClass(), name, model);
        }
        try {
            Constructor<?> ctor = base.getClass().getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return (R) ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(model + ": " + iae.getMessage(), iae);
            }
            throw new IllegalStateException("cannot build the " + model + " config: " + cause, cause);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot build the " + model + " config: " + e, e);
        }
    }

    private static RecordComponent component(Class<?> type, String name, String model) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        List<String> valid = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
        throw new IllegalArgumentException("unknown hyperparameter '" + name + "' for " + model
                + (valid.isEmpty() ? " (it has none)" : "; valid: " + String.join(", ", valid)));
    }

    private static Object read(Record r, RecordComponent c) {
        try {
            Object v;
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            v = accessor.invoke(r);
            return v;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object convert(RecordComponent c, String text, String model) {
        Class<?> t = c.getType();
        String s = text.strip();
        try {
            if (t == int.class || t == Integer.class) {
                return Integer.parseInt(s.replace("_", ""));
            }
            if (t == long.class || t == Long.class) {
                return Long.parseLong(s.replace("_", ""));
            }
            if (t == float.class || t == Float.class) {
                float f = Float.parseFloat(s);
                if (!Float.isFinite(f)) {
                    throw new NumberFormatException();
                }
                return f;
            }
            if (t == double.class || t == Double.class) {
                double d = Double.parseDouble(s);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            }
            if (t == boolean.class || t == Boolean.class) {
                return switch (s.toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new NumberFormatException();
                };
            }
            if (t == String.class) {
                return text;
            }
            if (t.isEnum()) {
                for (Object e : t.getEnumConstants()) {
                    if (((Enum<?>) e).name().equalsIgnoreCase(s)) {
                        return e;
                    }
                }
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hyperparameter " + c.getName() + " of " + model + ": '" + text
                    + "' is not " + article(typeName(t)));
        }
        throw new IllegalStateException("hyperparameter " + c.getName() + " has an unsupported type " + t.getName());
    }

    private static String article(String type) {
        if (type.contains("|")) {
            return "one of " + type.replace("|", ", ");
        }
        return switch (type) {
            case "int", "long" -> "an integer";
            case "float", "double" -> "a finite number";
            case "boolean" -> "true or false";
            default -> "a " + type;
        };
    }

    private static String typeName(Class<?> t) {
        if (t.isEnum()) {
            return String.join("|", Arrays.stream(t.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList());
        }
        if (t == Integer.class) {
            return "int";
        }
        if (t == String.class) {
            return "string";
        }
        return t.getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** A value as {@code --set} accepts it: floats without float noise ({@code 0.001}, not {@code 1.0E-3}). */
    public static String format(Object v) {
        if (v instanceof Float f) {
            return new BigDecimal(Float.toString(f)).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Double d) {
            return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }
}
