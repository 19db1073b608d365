package org.recoder.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class ModelFileTest {
    @TempDir
    Path dir;

    private Path sample() {
        ObjectNode h = Json.object();
        h.put("model_type", "test");
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("w", Tensor.of(new float[] {1.5f, -2f, 3f, 4f, 5f, 6f}, 2, 3));
        t.put("idx", Tensor.of(new int[] {7, 8, 9}));
        t.put("big", Tensor.of(new long[] {1L << 40}));
        Path f = dir.resolve("m.recoder");
        ModelFile.write(f, h, t);
        return f;
    }

    @Test
    void roundTripsTensorsAndHeader() {
        ModelFile.Contents c = ModelFile.read(sample());
        assertThat(c.header().path("model_type").asString()).isEqualTo("test");
        assertThat(c.header().path("format_version").asInt()).isEqualTo(2);
        assertThat(c.tensors().get("w").floats()).containsExactly(1.5f, -2f, 3f, 4f, 5f, 6f);
        assertThat(c.tensors().get("w").shape()).containsExactly(2, 3);
        assertThat(c.tensors().get("idx").ints()).containsExactly(7, 8, 9);
        assertThat(c.tensors().get("big").longs()).containsExactly(1L << 40);
        assertThat(dir.toFile().list()).containsExactly("m.recoder");
    }

    @Test
    void tensorSectionIsASafetensorsFile() throws IOException {
        byte[] all = Files.readAllBytes(sample());
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        long h = b.getLong(16);
        int section = (int) (24 + h);
        long n = b.getLong(section);
        String json = new String(all, section + 8, (int) n, java.nio.charset.StandardCharsets.UTF_8);
        var st = Json.parse(json);
        assertThat(st.path("w").path("dtype").asString()).isEqualTo("F32");
        assertThat(st.path("w").path("data_offsets").get(1).asLong()).isEqualTo(24);
        assertThat((section + 8 + n) % 8).isZero();
        assertThat(b.getFloat((int) (section + 8 + n))).isEqualTo(1.5f);
        assertThat(section + 8 + n + 24 + 12 + 8).isEqualTo(all.length);
    }

    @Test
    void rejectsForeignTruncatedCorruptAndNewerFiles() throws IOException {
        Path f = sample();
        byte[] good = Files.readAllBytes(f);
        Path other = dir.resolve("x");
        Files.writeString(other, "hello, this is not a model at all");
        assertThatThrownBy(() -> ModelFile.read(other)).isInstanceOf(ModelFormatException.class).hasMessageContaining("not a Recoder model file");
        Files.write(other, java.util.Arrays.copyOf(good, good.length - 5));
        assertThatThrownBy(() -> ModelFile.read(other)).hasMessageContaining("truncated");
        byte[] corrupt = good.clone();
        corrupt[corrupt.length - 3] ^= 0x55;
        Files.write(other, corrupt);
        assertThatThrownBy(() -> ModelFile.read(other)).hasMessageContaining("checksum");
        byte[] newer = good.clone();
        newer[8] = 3;
        Files.write(other, newer);
        assertThatThrownBy(() -> ModelFile.read(other)).hasMessageContaining("model format version 3 is not supported");
        // One flipped byte in the JSON header (an item id, a hyperparameter) fails the header checksum.
        byte[] header = good.clone();
        header[40] ^= 0x01;
        Files.write(other, header);
        assertThatThrownBy(() -> ModelFile.read(other)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(other.toString()).hasMessageContaining("header checksum");
        assertThatThrownBy(() -> ModelFile.read(dir.resolve("missing"))).hasMessageContaining("model file not found");
    }
}
