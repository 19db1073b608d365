package org.recoder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recoder.util.Require;

class HyperparametersTest {
    enum Mode { FAST, EXACT }

    record Config(@Doc("rows per batch") int batchSize, @Doc("step size") float rate, boolean flag, Mode mode, long seed,
                  double decay, String name) {
        Config {
            Require.atLeast("batchSize", batchSize, 1);
            Require.positive("rate", rate);
        }
    }

    private static final Config DEFAULTS = new Config(500, 1e-3f, true, Mode.FAST, 7L, 0.5, "x");

    @Test
    void describesEveryComponentWithTypeDefaultAndDoc() {
        List<Hyperparameters.Entry> d = Hyperparameters.describe(DEFAULTS);
        assertThat(d).extracting(Hyperparameters.Entry::name).containsExactly("batchSize", "rate", "flag", "mode", "seed", "decay", "name");
        assertThat(d.get(0)).isEqualTo(new Hyperparameters.Entry("batchSize", "int", "500", "rows per batch"));
        assertThat(d.get(1)).isEqualTo(new Hyperparameters.Entry("rate", "float", "0.001", "step size"));
        assertThat(d.get(3).type()).isEqualTo("FAST|EXACT");
        assertThat(d.get(6).description()).isEmpty();
    }

    @Test
    void setsByNameWithConversionAndTheRecordsValidation() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("batchSize", "128");
        s.put("rate", "0.01");
        s.put("flag", "FALSE");
        s.put("mode", "exact");
        s.put("seed", "1_000");
        s.put("decay", "1e-4");
        s.put("name", " spaced ");
        assertThat(Hyperparameters.set(DEFAULTS, s, "toy")).isEqualTo(new Config(128, 0.01f, false, Mode.EXACT, 1000L, 1e-4, " spaced "));
        assertThat(Hyperparameters.set(DEFAULTS, Map.of(), "toy")).isSameAs(DEFAULTS);
        assertThat(Hyperparameters.get(DEFAULTS, "seed")).isEqualTo(7L);
        assertThat(Hyperparameters.has(Config.class, "mode")).isTrue();
        assertThat(Hyperparameters.has(Config.class, "lambda")).isFalse();
    }

    @Test
    void errorsNameTheFieldTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> Hyperparameters.set(DEFAULTS, Map.of("batchsize", "1"), "toy"))
                .hasMessage("unknown hyperparameter 'batchsize' for toy; valid: batchSize, rate, flag, mode, seed, decay, name");
        assertThatThrownBy(() -> Hyperparameters.set(DEFAULTS, Map.of("batchSize", "1.5"), "toy"))
                .hasMessage("hyperparameter batchSize of toy: '1.5' is not an integer");
        assertThatThrownBy(() -> Hyperparameters.set(DEFAULTS, Map.of("rate", "NaN"), "toy"))
                .hasMessage("hyperparameter rate of toy: 'NaN' is not a finite number");
        assertThatThrownBy(() -> Hyperparameters.set(DEFAULTS, Map.of("flag", "1"), "toy"))
                .hasMessage("hyperparameter flag of toy: '1' is not true or false");
        assertThatThrownBy(() -> Hyperparameters.set(DEFAULTS, Map.of("mode", "slow"), "toy"))
                .hasMessage("hyperparameter mode of toy: 'slow' is not one of FAST, EXACT");
        assertThatThrownBy(() -> Hyperparameters.set(DEFAULTS, Map.of("batchSize", "0"), "toy"))
                .hasMessage("toy: batchSize must be ≥ 1, got 0");
        assertThatThrownBy(() -> Hyperparameters.set(DEFAULTS, Map.of("rate", "-2"), "toy"))
                .hasMessage("toy: rate must be a finite number > 0, got -2");
    }
}
