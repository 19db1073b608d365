package org.recoder.api;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.recoder.io.ModelFile;
import org.recoder.io.Tensor;
import org.recoder.io.Json;
import org.recoder.io.ModelFormatException;

/**
 * The parts every model file shares, on top of {@link ModelFile}: type, hyperparameter record, provenance,
 * item and known-user id indices (in the JSON header) and the known users' histories (CSR tensors
 * {@code known_users.indptr}, {@code .indices}, {@code .values}), plus each model's own {@link Model#tensors()}.
 * It sits in the API package, next to {@link Model}, since it encodes exactly what a model is; the container
 * format below it ({@link ModelFile}) knows nothing of models.
 */
public final class ModelIO {
    private ModelIO() {
    }

    /** What a model file holds, decoded into shared types; family codecs read their tensors from it. */
    public record Saved(Path file, String type, JsonNode config, Provenance provenance, IdIndex items,
                        Interactions knownUsers, ModelFile.Contents contents) {
        /** A required tensor. */
        public Tensor tensor(String name) {
            return contents.tensor(name, file);
        }

        /**
         * The float tensors of this file by name (everything but the known users), for a network's
         * {@code ParamSource}.
         */
        public Map<String, float[]> floatTensors() {
            Map<String, float[]> m = new LinkedHashMap<>();
            contents.tensors().forEach((name, t) -> {
                if (!name.startsWith("known_users.") && t.data() instanceof float[] f) {
                    m.put(name, f);
                }
            });
            return m;
        }

        /** The config record decoded as {@code type}, with a clear error when it does not fit. */
        public <R extends Record> R config(Class<R> recordType) {
            try {
                return Json.convert(config, recordType);
            } catch (RuntimeException e) {
                throw new ModelFormatException(file, "config does not fit " + recordType.getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    /** Saves {@code model}, its own tensors ({@link Model#tensors()}) included, atomically. */
    public static void save(Model model, Path file) {
        save(model, model.tensors(), file);
    }

    /** Saves {@code model} with the given tensors beside the shared parts. */
    static void save(Model model, Map<String, Tensor> weights, Path file) {
        ObjectNode h = Json.object();
        h.put("model_type", model.type());
        h.set("config", Json.MAPPER.valueToTree(model.config()));
        h.set("provenance", Json.MAPPER.valueToTree(model.provenance()));
        h.set("items", ids(model.items()));
        Interactions known = model.knownUsers();
        h.set("known_users", ids(known.users()));
        Map<String, Tensor> all = new LinkedHashMap<>();
        all.put("known_users.indptr", Tensor.of(known.rowPointers()));
        all.put("known_users.indices", Tensor.of(known.columnIndices()));
        all.put("known_users.values", Tensor.of(known.valueArray()));
        // Sorted by name: the same model gives the same bytes, whatever map its tensors came in.
        all.putAll(new java.util.TreeMap<>(weights));
        ModelFile.write(file, h, all);
    }

    private static ArrayNode ids(IdIndex index) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (int i = 0; i < index.size(); i++) {
            a.add(index.id(i));
        }
        return a;
    }

    /** Reads the shared parts of a model file. */
    public static Saved read(Path file) {
        ModelFile.Contents c = ModelFile.read(file);
        JsonNode h = c.header();
        String type = h.path("model_type").isString() ? h.path("model_type").asString() : null;
        if (type == null) {
            throw new ModelFormatException(file, "header has no model_type");
        }
        try {
            IdIndex items = IdIndex.of(strings(h.path("items")));
            IdIndex users = IdIndex.of(strings(h.path("known_users")));
            Interactions known = new Interactions(users, items, c.tensor("known_users.indptr", file).ints(),
                    c.tensor("known_users.indices", file).ints(), c.tensor("known_users.values", file).floats(), null);
            Provenance p = Json.convert(h.path("provenance"), Provenance.class);
            return new Saved(file, type, h.path("config"), p, items, known, c);
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // Whatever a consistent-looking but wrong header leads to (bad ids, CSR arrays out of range, a provenance
            // that does not decode) is a format error naming the file, never a stack trace.
            throw new ModelFormatException(file, "inconsistent model file: " + e.getMessage());
        }
    }

    private static java.util.List<String> strings(JsonNode a) {
        java.util.List<String> out = new java.util.ArrayList<>(a.size());
        for (JsonNode n : a) {
            out.add(n.asString());
        }
        return out;
    }
}
