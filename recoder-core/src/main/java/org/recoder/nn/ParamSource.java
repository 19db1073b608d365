package org.recoder.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.recoder.api.ModelIO;
import org.recoder.io.ModelFormatException;

/**
 * Where a network's parameters come from when its layers are built: {@link #fresh()} zero-filled ones for training
 * (the network then initializes them), or {@link #of(Map)} existing named arrays (a keep-best snapshot, or the
 * tensors of a model file), wrapped without copying after their sizes are checked. So one constructor per network
 * states the architecture, and the saved tensors and the load-time checks follow from it.
 */
public final class ParamSource {
    private final Map<String, float[]> weights;
    private final List<Param> created = new ArrayList<>();

    private ParamSource(Map<String, float[]> weights) {
        this.weights = weights;
    }

    /** New zero-filled parameters, to be initialized. */
    public static ParamSource fresh() {
        return new ParamSource(null);
    }

    /** Parameters over these arrays by name; a missing name or a wrong size fails naming the tensor. */
    public static ParamSource of(Map<String, float[]> weights) {
        return new ParamSource(new LinkedHashMap<>(weights));
    }

    /**
     * Builds what a saved model's parameters make (a network, a parameter set) from its tensors: {@code build} asks
     * for every parameter by name and size, so a missing or mis-sized tensor fails naming the file and the tensor.
     */
    public static <N> N fromSaved(ModelIO.Saved saved, Function<ParamSource, N> build) {
        try {
            return build.apply(of(saved.floatTensors()));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(saved.file(), e.getMessage());
        }
    }

    /** Whether the parameters are new (and must be initialized) rather than loaded. */
    public boolean isFresh() {
        return weights == null;
    }

    /** The parameter {@code name} of shape rows×cols. */
    public Param param(String name, int rows, int cols) {
        float[] v = null;
        if (weights != null) {
            v = weights.get(name);
            if (v == null) {
                throw new IllegalArgumentException("missing tensor '" + name + "'");
            }
        }
        Param p = new Param(name, rows, cols, v);
        created.add(p);
        return p;
    }

    /** Every parameter made so far, in order of creation. */
    public List<Param> created() {
        return List.copyOf(created);
    }
}
