package org.recoder.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.Model;
import org.recoder.api.TrainingData;
import org.recoder.io.ModelFormatException;
import org.recoder.models.ease.EaseConfig;
import org.recoder.models.ease.EaseTrainer;
import org.recoder.models.itemknn.ItemKnnConfig;
import org.recoder.models.itemknn.ItemKnnTrainer;
import org.recoder.models.multae.MultAutoencoderConfig;
import org.recoder.models.multae.MultAutoencoderTrainer;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;
import org.recoder.train.TrainingOptions;

/**
 * The model loader is a security boundary (the service loads files that others produce): a few thousand random
 * truncations, byte flips and header edits of real model files, each of which must either fail with a
 * {@link ModelFormatException} that names the file, or, for a header edit whose checksums were recomputed (a
 * well-formed file that says something else), load. Never another exception, never an allocation beyond the file's
 * size (claims of 2 GB and 8 GB tensors are among the edits).
 */
class ModelLoaderFuzzTest {
    @TempDir
    Path dir;

    private static final Pattern NUMBER = Pattern.compile("-?\\d+");

    private List<byte[]> originals() throws IOException {
        TrainingData td = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.tiny(120, 40, 3)).trainingData();
        List<Model> models = List.of(
                new ItemKnnTrainer(new ItemKnnConfig(10, 10f, 1)).fit(td),
                new EaseTrainer(EaseConfig.defaults().withLambda(20f).withThreads(1)).fit(td),
                new MultAutoencoderTrainer(new MultAutoencoderConfig(true, 8, 4, 0.5f, 0.2f, 10, 0f, 1e-2f, 50, 1), 1,
                        TrainingOptions.defaults().withListeners(List.of())).fit(td));
        List<byte[]> out = new ArrayList<>();
        for (Model m : models) {
            Path f = dir.resolve(m.type() + ".recoder");
            Models.save(m, f);
            out.add(Files.readAllBytes(f));
        }
        return out;
    }

    @Test
    void everyMutationFailsCleanlyNamingTheFileOrLoads() throws IOException {
        List<byte[]> originals = originals();
        SplittableRandom rng = new SplittableRandom(20261129);
        Path f = dir.resolve("fuzzed.recoder");
        int failedCleanly = 0;
        int loaded = 0;
        int cases = 3000;
        for (int c = 0; c < cases; c++) {
            byte[] good = originals.get(c % originals.size());
            int kind = c % 5;
            byte[] bad;
            boolean mayLoad = false;
            switch (kind) {
                case 0 -> bad = java.util.Arrays.copyOf(good, rng.nextInt(good.length));
                case 1 -> {
                    bad = good.clone();
                    bad[rng.nextInt(bad.length)] ^= (byte) (1 << rng.nextInt(8));
                }
                case 2 -> {
                    bad = good.clone();
                    for (int k = 0; k < 1 + rng.nextInt(8); k++) {
                        bad[rng.nextInt(bad.length)] = (byte) rng.nextInt(256);
                    }
                    if (java.util.Arrays.equals(bad, good)) {
                        // The random bytes happened to equal the old ones: damage one for real.
                        bad[rng.nextInt(bad.length)] ^= 0x10;
                    }
                }
                default -> {
                    // An edit of a number in the JSON header or the tensor table, checksums recomputed.
                    bad = editNumber(good, rng, kind == 3);
                    mayLoad = true;
                }
            }
            Files.write(f, bad);
            try {
                Model m = Models.load(f);
                if (!mayLoad) {
                    fail("case " + c + " (kind " + kind + ") loaded although its bytes were damaged");
                }
                assertThat(m.items().size()).isPositive();
                loaded++;
            } catch (ModelFormatException e) {
                assertThat(e.getMessage()).as("case " + c).contains(f.toString());
                failedCleanly++;
            } catch (RuntimeException | OutOfMemoryError e) {
                throw new AssertionError("case " + c + " (kind " + kind + ") failed with " + e, e);
            }
        }
        assertThat(failedCleanly + loaded).isEqualTo(cases);
        assertThat(failedCleanly).isGreaterThan(cases / 2);
        // Some header edits make a well-formed file that says something else (a provenance figure, a hyperparameter).
        assertThat(loaded).isPositive();
    }

    @Test
    void hugeTensorClaimsFailBeforeAllocating() throws IOException {
        byte[] good = originals().get(1);
        Path f = dir.resolve("huge.recoder");
        // EASE's B claimed as 2^31 and 46341² floats (8 GB), and as 2 GB with offsets to match.
        for (String[] edit : new String[][] {{"\"shape\":[", "\"shape\":[2147483647,"}, {"\"shape\":[", "\"shape\":[46341,46341,"}}) {
            byte[] bad = editTable(good, edit[0], edit[1]);
            Files.write(f, bad);
            long before = usedHeap();
            try {
                Models.load(f);
                fail("loaded a file claiming a huge tensor");
            } catch (ModelFormatException e) {
                assertThat(e.getMessage()).contains(f.toString()).contains("tensor");
            }
            assertThat(usedHeap() - before).isLessThan(256L << 20);
        }
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Replaces one number in the JSON header ({@code inHeader}) or in the tensor table, fixing both checksums. */
    private static byte[] editNumber(byte[] good, SplittableRandom rng, boolean inHeader) {
        ByteBuffer b = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        int h = (int) b.getLong(16);
        int section = 24 + h;
        int n = (int) b.getLong(section);
        String json = inHeader ? new String(good, 24, h, StandardCharsets.UTF_8) : new String(good, section + 8, n, StandardCharsets.UTF_8);
        Matcher m = NUMBER.matcher(json);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        int[] span = spans.get(rng.nextInt(spans.size()));
        String replacement = switch (rng.nextInt(5)) {
            case 0 -> "0";
            case 1 -> "-1";
            case 2 -> Long.toString(rng.nextLong(1L << 40));
            case 3 -> "2147483647";
            default -> Integer.toString(rng.nextInt(100));
        };
        String edited = json.substring(0, span[0]) + replacement + json.substring(span[1]);
        return inHeader ? rebuild(good, edited, null) : rebuild(good, null, edited);
    }

    private static byte[] editTable(byte[] good, String from, String to) {
        ByteBuffer b = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        int h = (int) b.getLong(16);
        int section = 24 + h;
        int n = (int) b.getLong(section);
        String table = new String(good, section + 8, n, StandardCharsets.UTF_8);
        return rebuild(good, null, table.replaceFirst(Pattern.quote(from), to));
    }

    /** The file with a new JSON header and/or tensor table, lengths and both CRCs made consistent. */
    private static byte[] rebuild(byte[] good, String header, String table) {
        ByteBuffer b = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        int h = (int) b.getLong(16);
        int section = 24 + h;
        int n = (int) b.getLong(section);
        byte[] data = java.util.Arrays.copyOfRange(good, section + 8 + n, good.length);
        byte[] st = pad((table != null ? table : new String(good, section + 8, n, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        ByteBuffer sec = ByteBuffer.allocate(8 + st.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        sec.putLong(st.length).put(st).put(data);
        CRC32 sectionCrc = new CRC32();
        sectionCrc.update(sec.array());
        String head = header != null ? header : new String(good, 24, h, StandardCharsets.UTF_8);
        head = head.strip();
        head = head.replaceFirst("\"tensor_section_length\":-?\\d+", "\"tensor_section_length\":" + sec.capacity())
                .replaceFirst("\"tensor_section_crc32\":-?\\d+", "\"tensor_section_crc32\":" + sectionCrc.getValue());
        byte[] hb = pad(head.getBytes(StandardCharsets.UTF_8));
        CRC32 headerCrc = new CRC32();
        headerCrc.update(hb);
        ByteBuffer out = ByteBuffer.allocate(24 + hb.length + sec.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(good, 0, 12).putInt((int) headerCrc.getValue()).putLong(hb.length).put(hb).put(sec.array());
        return out.array();
    }

    private static byte[] pad(byte[] json) {
        int padded = (json.length + 7) & ~7;
        byte[] out = java.util.Arrays.copyOf(json, padded);
        java.util.Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }
}
