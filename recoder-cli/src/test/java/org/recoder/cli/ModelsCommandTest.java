package org.recoder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recoder.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.io.Json;
import org.recoder.models.Models;
import tools.jackson.databind.JsonNode;

/** {@code recoder models}, {@code models show}, {@code models inspect}, and {@code train --set} by name. */
class ModelsCommandTest {
    @TempDir
    Path dir;
    Path split;

    @BeforeEach
    void smallSplit() {
        split = CliTest.smallSplit(dir);
    }

    @Test
    void listsEveryRegisteredTypeWithItsCapabilities() {
        CliTest.Run r = run("models");
        assertThat(r.code()).as(r.err()).isZero();
        for (String type : Models.types()) {
            assertThat(r.out()).contains(type);
        }
        assertThat(r.out()).contains("fold-in").contains("known-users").contains("Liang et al.");
        JsonNode j = Json.parse(run("models", "--json").out());
        assertThat(j.size()).isEqualTo(Models.FAMILIES.size());
        JsonNode cdae = null;
        for (JsonNode n : j) {
            if (n.path("type").asString().equals("cdae")) {
                cdae = n;
            }
        }
        assertThat(cdae).isNotNull();
        assertThat(cdae.path("capabilities").toString()).isEqualTo("[\"known-users\"]");
        assertThat(cdae.path("training_data").asString()).isEqualTo("with_held_out_fold_in");
    }

    @Test
    void showListsEachHyperparameterWithTypeDefaultAndDescription() {
        CliTest.Run r = run("models", "show", "multvae");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("latent +int +200 +latent dimension")
                .containsPattern("learningRate +float +0.001 +Adam learning rate")
                .containsPattern("variational +boolean +true")
                .contains("--seed applies");
        CliTest.Run cdae = run("models", "show", "cdae");
        assertThat(cdae.out()).containsPattern("hiddenActivation +IDENTITY\\|RELU\\|SIGMOID\\|TANH +RELU");
        JsonNode j = Json.parse(run("models", "show", "ease", "--json").out());
        assertThat(j.path("hyperparameters").get(0).path("name").asString()).isEqualTo("lambda");
        assertThat(j.path("hyperparameters").get(0).path("defaultValue").asString()).isEqualTo("500");
        CliTest.Run unknown = run("models", "show", "nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown model 'nope'").contains("multvae");
    }

    @Test
    void trainSetsHyperparametersByNameAndInspectReadsThemBackWithoutTheWeights() throws Exception {
        Path f = dir.resolve("vae.recoder");
        CliTest.Run t = run("train", "multvae", "--set", "latent=16", "--set", "hidden=32", "--set", "betaCap=0.5",
                "--epochs", "2", "--seed", "3", "--split", split.toString(), "--out", f.toString());
        assertThat(t.code()).as(t.err()).isZero();
        CliTest.Run i = run("models", "inspect", f.toString(), "--json");
        assertThat(i.code()).as(i.err()).isZero();
        JsonNode j = Json.parse(i.out());
        assertThat(j.path("model_type").asString()).isEqualTo("multvae");
        assertThat(j.path("config").path("latent").asInt()).isEqualTo(16);
        assertThat(j.path("config").path("hidden").asInt()).isEqualTo(32);
        assertThat(j.path("config").path("betaCap").asDouble()).isEqualTo(0.5);
        assertThat(j.path("config").path("epochs").asInt()).isEqualTo(2);
        assertThat(j.path("provenance").path("seed").asLong()).isEqualTo(3);
        JsonNode enc0 = null;
        for (JsonNode n : j.path("tensors")) {
            if (n.path("name").asString().equals("enc0.weight")) {
                enc0 = n;
            }
        }
        assertThat(enc0).isNotNull();
        assertThat(enc0.path("dtype").asString()).isEqualTo("F32");
        assertThat(enc0.path("shape").get(1).asInt()).isEqualTo(32);
        assertThat(enc0.path("bytes").asLong()).isEqualTo(4L * enc0.path("shape").get(0).asInt() * 32);
        CliTest.Run text = run("models", "inspect", f.toString());
        assertThat(text.out()).contains("multvae model, format version 2").containsPattern("latent +16").contains("enc0.weight");

        // Inspect reads the headers only: a file whose tensor data is corrupt still inspects, but does not load.
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length - 3] ^= 0x5a;
        Path corrupt = dir.resolve("corrupt.recoder");
        Files.write(corrupt, bytes);
        assertThat(run("models", "inspect", corrupt.toString()).code()).isZero();
        CliTest.Run load = run("recommend", "--model", corrupt.toString(), "--items", "1,2", "-n", "3");
        assertThat(load.code()).isEqualTo(1);
        assertThat(load.err()).contains("checksum");
    }

    @Test
    void badSettingsFailNamingTheFieldTheValueAndWhatIsAllowed() {
        CliTest.Run unknown = run("train", "multvae", "--set", "latnet=16", "--split", split.toString(), "--out", dir.resolve("a").toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown hyperparameter 'latnet' for multvae; valid: variational, hidden, latent");
        CliTest.Run notANumber = run("train", "multvae", "--set", "latent=many", "--split", split.toString(), "--out", dir.resolve("a").toString());
        assertThat(notANumber.err()).contains("hyperparameter latent of multvae: 'many' is not an integer");
        CliTest.Run range = run("train", "multvae", "--set", "dropout=1.5", "--split", split.toString(), "--out", dir.resolve("a").toString());
        assertThat(range.err()).contains("multvae: dropout must be in [0, 1), got 1.5");
        CliTest.Run zeroEpochs = run("train", "recvae", "--epochs", "0", "--split", split.toString(), "--out", dir.resolve("a").toString());
        assertThat(zeroEpochs.code()).isEqualTo(2);
        assertThat(zeroEpochs.err()).contains("recoder: error: --epochs 0: recvae: epochs must be ≥ 1, got 0")
                .contains("see 'recoder train --help'");
        CliTest.Run negativeEpochs = run("train", "multvae", "--epochs", "-1", "--split", split.toString(), "--out", dir.resolve("a").toString());
        assertThat(negativeEpochs.err()).contains("--epochs -1: multvae: epochs must be ≥ 1, got -1");
        CliTest.Run zeroBatch = run("train", "cdae", "--batch-size", "0", "--split", split.toString(), "--out", dir.resolve("a").toString());
        assertThat(zeroBatch.code()).isEqualTo(2);
        assertThat(zeroBatch.err()).contains("--batch-size 0: cdae: batchSize must be ≥ 1, got 0");
        CliTest.Run negativeThreads = run("train", "ease", "--threads", "-1", "--split", split.toString(), "--out", dir.resolve("a").toString());
        assertThat(negativeThreads.err()).contains("--threads -1: ease: threads must be ≥ 0, got -1");
        CliTest.Run bool = run("train", "ease", "--set", "binary=yes", "--split", split.toString(), "--out", dir.resolve("a").toString());
        assertThat(bool.err()).contains("hyperparameter binary of ease: 'yes' is not true or false");
        // Options that do not apply are errors, never ignored.
        CliTest.Run seed = run("train", "ease", "--seed", "4", "--split", split.toString(), "--out", dir.resolve("a").toString());
        assertThat(seed.code()).isEqualTo(2);
        assertThat(seed.err()).contains("option --seed does not apply to ease");
        CliTest.Run threads = run("train", "multvae", "--threads", "2", "--split", split.toString(), "--out", dir.resolve("a").toString());
        assertThat(threads.err()).contains("option --threads does not apply to multvae");
        CliTest.Run lambda = run("train", "itemknn", "--lambda", "2", "--split", split.toString(), "--out", dir.resolve("a").toString());
        assertThat(lambda.err()).contains("option --lambda does not apply to itemknn");
        CliTest.Run both = run("train", "ease", "--lambda", "2", "--set", "lambda=3", "--split", split.toString(), "--out", dir.resolve("a").toString());
        assertThat(both.err()).contains("--set lambda and --lambda both set lambda");
        CliTest.Run wrongType = run("train", "multdae", "--set", "variational=true", "--split", split.toString(), "--out", dir.resolve("a").toString());
        assertThat(wrongType.err()).contains("use multvae");
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void everyFamilyRoundTripsItsDefaultsThroughSetByName() {
        // The vocabulary is closed: every listed name, set to its listed default, gives the defaults back.
        for (var family : Models.FAMILIES) {
            java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
            for (var e : org.recoder.api.Hyperparameters.describe(family.defaults())) {
                all.put(e.name(), e.defaultValue());
            }
            assertThat((Object) org.recoder.api.Hyperparameters.set(family.defaults(), all, family.type())).as(family.type())
                    .isEqualTo(family.defaults());
        }
    }
}
