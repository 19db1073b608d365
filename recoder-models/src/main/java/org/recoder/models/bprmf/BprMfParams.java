package org.recoder.models.bprmf;

import java.util.List;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;

/** BPR-MF's parameters by name (the model file's tensors): item biases b_i, P (users × f), Q (items × f). */
final class BprMfParams {
    final Param itemBias;
    final Param users;
    final Param items;
    final int factors;

    BprMfParams(ParamSource source, int numUsers, int numItems, int factors) {
        this.factors = factors;
        itemBias = source.param("item.bias", 1, numItems);
        users = source.param("user.factors", numUsers, factors);
        items = source.param("item.factors", numItems, factors);
    }

    List<Param> all() {
        return List.of(itemBias, users, items);
    }

    /** x̂_ui = b_i + p_u·q_i. */
    float score(int user, int item) {
        float[] p = users.value();
        float[] q = items.value();
        float s = itemBias.value()[item];
        int a = user * factors;
        int b = item * factors;
        for (int f = 0; f < factors; f++) {
            s += p[a + f] * q[b + f];
        }
        return s;
    }
}
