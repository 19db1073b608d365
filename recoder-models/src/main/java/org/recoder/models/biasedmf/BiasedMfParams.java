package org.recoder.models.biasedmf;

import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;

/** The parameters of biased MF by name (the model file's tensors): μ, b_u, b_i, P (users × f), Q (items × f). */
final class BiasedMfParams {
    final Param mean;
    final Param userBias;
    final Param itemBias;
    final Param users;
    final Param items;
    final int factors;

    BiasedMfParams(ParamSource source, int numUsers, int numItems, int factors) {
        this.factors = factors;
        mean = source.param("global.mean", 1, 1);
        userBias = source.param("user.bias", 1, numUsers);
        itemBias = source.param("item.bias", 1, numItems);
        users = source.param("user.factors", numUsers, factors);
        items = source.param("item.factors", numItems, factors);
    }

    java.util.List<Param> all() {
        return java.util.List.of(mean, userBias, itemBias, users, items);
    }

    /** μ + b_u + b_i + p_u·q_i, with {@code user} −1 for a user without parameters (b_u = 0, p_u = 0). */
    float predict(int user, int item) {
        float r = mean.value()[0] + itemBias.value()[item];
        if (user >= 0) {
            r += userBias.value()[user];
            float[] p = users.value();
            float[] q = items.value();
            int pu = user * factors;
            int qi = item * factors;
            for (int f = 0; f < factors; f++) {
                r += p[pu + f] * q[qi + f];
            }
        }
        return r;
    }
}
