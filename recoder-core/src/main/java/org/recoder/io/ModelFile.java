package org.recoder.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one model file format: code-free, versioned, little-endian, readable from Python.
 *
 * <pre>
 * offset  size  content
 * 0       8     magic "RECODER\0"
 * 8       4     u32 format version (1)
 * 12      4     u32 reserved (0)
 * 16      8     u64 length H of the JSON header
 * 24      H     JSON header, UTF-8, space-padded to a multiple of 8: model type, config, id indices,
 *               provenance, and the length and CRC-32 of the tensor section
 * 24 + H  ...   tensor section: a complete safetensors file (u64 header length, JSON, raw LE data)
 * </pre>
 * The tensor section is byte-for-byte a safetensors file, so Python reads the weights with
 * {@code safetensors.numpy.load(data[24 + H:])}; see docs/model-format.md. Files are written atomically and
 * checked on load (magic, version, length, CRC), so a truncated or foreign file fails with a clear message.
 */
public final class ModelFile {
    static final byte[] MAGIC = {'R', 'E', 'C', 'O', 'D', 'E', 'R', 0};
    /** The format version this build writes and reads. */
    public static final int FORMAT_VERSION = 1;
    private static final int CHUNK = 1 << 20;

    private ModelFile() {
    }

    /** The decoded contents: the JSON header (without format fields) and the tensors by name. */
    public record Contents(JsonNode header, Map<String, Tensor> tensors) {
        /** A tensor that must be present. */
        public Tensor tensor(String name, Path file) {
            Tensor t = tensors.get(name);
            if (t == null) {
                throw new ModelFormatException(file, "missing tensor '" + name + "'");
            }
            return t;
        }
    }

    /** Writes {@code header} and {@code tensors} to {@code file} atomically. */
    public static void write(Path file, ObjectNode header, Map<String, Tensor> tensors) {
        Map<String, Object> st = new LinkedHashMap<>();
        long offset = 0;
        for (var e : tensors.entrySet()) {
            Tensor t = e.getValue();
            st.put(e.getKey(), Map.of("dtype", t.dtype(), "shape", t.shape(), "data_offsets", List.of(offset, offset + t.byteSize())));
            offset += t.byteSize();
        }
        st.put("__metadata__", Map.of("format", "recoder", "recoder_format_version", Integer.toString(FORMAT_VERSION)));
        byte[] stHeader = pad(Json.compact(st).getBytes(StandardCharsets.UTF_8));
        long sectionLength = 8 + stHeader.length + offset;
        CRC32 crc = new CRC32();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        // The CRC covers the tensor section; computing it first keeps the header before the data.
        streamSection(stHeader, tensors, buf, chunk -> crc.update(chunk.array(), 0, chunk.limit()));
        ObjectNode full = Json.object();
        full.put("format", "recoder-model");
        full.put("format_version", FORMAT_VERSION);
        full.setAll(header);
        full.put("tensor_section_length", sectionLength);
        full.put("tensor_section_crc32", crc.getValue());
        byte[] json = pad(Json.compact(full).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(file, out -> {
            ByteBuffer pre = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            pre.put(MAGIC).putInt(FORMAT_VERSION).putInt(0).putLong(json.length);
            out.write(pre.array());
            out.write(json);
            try {
                streamSection(stHeader, tensors, buf, chunk -> {
                    try {
                        out.write(chunk.array(), 0, chunk.limit());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        });
    }

    private interface ChunkSink {
        void accept(ByteBuffer filledChunk);
    }

    private static void streamSection(byte[] stHeader, Map<String, Tensor> tensors, ByteBuffer buf, ChunkSink sink) {
        buf.clear();
        buf.putLong(stHeader.length);
        buf.put(stHeader);
        for (Tensor t : tensors.values()) {
            // Bulk copies through typed views of the little-endian buffer: a plain copy on little-endian machines.
            switch (t.data()) {
                case float[] f -> {
                    for (int i = 0; i < f.length; ) {
                        int count = Math.min(buf.remaining() / 4, f.length - i);
                        if (count == 0) {
                            flush(buf, sink);
                            continue;
                        }
                        buf.asFloatBuffer().put(f, i, count);
                        buf.position(buf.position() + 4 * count);
                        i += count;
                    }
                }
                case int[] a -> {
                    for (int i = 0; i < a.length; ) {
                        int count = Math.min(buf.remaining() / 4, a.length - i);
                        if (count == 0) {
                            flush(buf, sink);
                            continue;
                        }
                        buf.asIntBuffer().put(a, i, count);
                        buf.position(buf.position() + 4 * count);
                        i += count;
                    }
                }
                case long[] a -> {
                    for (int i = 0; i < a.length; ) {
                        int count = Math.min(buf.remaining() / 8, a.length - i);
                        if (count == 0) {
                            flush(buf, sink);
                            continue;
                        }
                        buf.asLongBuffer().put(a, i, count);
                        buf.position(buf.position() + 8 * count);
                        i += count;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        flush(buf, sink);
    }

    private static void flush(ByteBuffer buf, ChunkSink sink) {
        buf.flip();
        sink.accept(buf);
        buf.clear();
    }

    private static byte[] pad(byte[] json) {
        int padded = (json.length + 7) & ~7;
        byte[] out = java.util.Arrays.copyOf(json, padded);
        java.util.Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    /**
     * A tensor as the file describes it, without its data.
     *
     * @param dtype {@code F32}, {@code I32} or {@code I64}
     * @param shape its shape
     * @param bytes its size in the file
     */
    public record TensorInfo(String dtype, long[] shape, long bytes) {
    }

    /**
     * The JSON header and the tensor table of a model file, read without the tensor data (which is neither loaded
     * nor checksummed): what {@code recoder models inspect} prints, at any model size.
     */
    public record Headers(JsonNode header, Map<String, TensorInfo> tensors, long fileBytes) {
    }

    /** Reads only the headers of a model file (magic, version and lengths checked; the data is not read). */
    public static Headers readHeaders(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            JsonNode header = readHeader(ch, size, file);
            long sectionStart = 24 + readFully(ch, 16, 8).getLong();
            long n = readFully(ch, sectionStart, 8).getLong();
            if (n <= 0 || sectionStart + 8 + n > size || n > 1L << 30) {
                throw new ModelFormatException(file, "truncated or corrupt: tensor table length " + n);
            }
            JsonNode st = Json.parse(StandardCharsets.UTF_8.decode(readFully(ch, sectionStart + 8, (int) n)).toString());
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            for (var e : st.properties()) {
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                JsonNode meta = e.getValue();
                long[] shape = new long[meta.path("shape").size()];
                for (int k = 0; k < shape.length; k++) {
                    shape[k] = meta.path("shape").get(k).asLong();
                }
                long bytes = meta.path("data_offsets").path(1).asLong() - meta.path("data_offsets").path(0).asLong();
                tensors.put(e.getKey(), new TensorInfo(meta.path("dtype").asString(), shape, bytes));
            }
            return new Headers(header, tensors, size);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, "model file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        } catch (tools.jackson.core.JacksonException e) {
            throw new ModelFormatException(file, "corrupt header: " + e.getOriginalMessage());
        }
    }

    private static JsonNode readHeader(FileChannel ch, long size, Path file) throws IOException {
        if (size < 24) {
            throw new ModelFormatException(file, "not a Recoder model file (too short: " + size + " bytes)");
        }
        ByteBuffer pre = readFully(ch, 0, 24);
        byte[] magic = new byte[8];
        pre.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new ModelFormatException(file, "not a Recoder model file (bad magic)");
        }
        int version = pre.getInt();
        pre.getInt();
        long h = pre.getLong();
        if (version != FORMAT_VERSION) {
            throw new ModelFormatException(file, "model format version " + version + " is not supported by this Recoder"
                    + " (it reads version " + FORMAT_VERSION + ")");
        }
        if (h <= 0 || 24 + h > size || h > 1L << 30) {
            throw new ModelFormatException(file, "truncated or corrupt: header length " + h + " in a file of " + size + " bytes");
        }
        JsonNode header = Json.parse(StandardCharsets.UTF_8.decode(readFully(ch, 24, (int) h)).toString());
        long sectionLength = header.path("tensor_section_length").asLong(-1);
        if (24 + h + sectionLength != size) {
            throw new ModelFormatException(file, "truncated or corrupt: expected " + (24 + h + sectionLength)
                    + " bytes, file has " + size);
        }
        return header;
    }

    /** Reads and checks a model file. */
    public static Contents read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            JsonNode header = readHeader(ch, size, file);
            long sectionStart = 24 + readFully(ch, 16, 8).getLong();
            CRC32 crc = new CRC32();
            for (long p = sectionStart; p < size; p += CHUNK) {
                ByteBuffer b = readFully(ch, p, (int) Math.min(CHUNK, size - p));
                crc.update(b);
            }
            if (crc.getValue() != header.path("tensor_section_crc32").asLong(-1)) {
                throw new ModelFormatException(file, "corrupt: tensor data checksum does not match");
            }
            long n = readFully(ch, sectionStart, 8).getLong();
            JsonNode st = Json.parse(StandardCharsets.UTF_8.decode(readFully(ch, sectionStart + 8, (int) n)).toString());
            long dataStart = sectionStart + 8 + n;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (var e : st.properties()) {
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                tensors.put(e.getKey(), readTensor(ch, dataStart, e.getValue(), file));
            }
            return new Contents(header, tensors);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, "model file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        } catch (tools.jackson.core.JacksonException e) {
            throw new ModelFormatException(file, "corrupt header: " + e.getOriginalMessage());
        }
    }

    private static Tensor readTensor(FileChannel ch, long dataStart, JsonNode meta, Path file) throws IOException {
        String dtype = meta.path("dtype").asString();
        long begin = meta.path("data_offsets").get(0).asLong();
        long end = meta.path("data_offsets").get(1).asLong();
        long[] shape = new long[meta.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = meta.path("shape").get(i).asLong();
        }
        int width = dtype.equals("I64") ? 8 : 4;
        long count = (end - begin) / width;
        if (count > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException(file, "tensor too large for one Java array: " + count);
        }
        Object data = switch (dtype) {
            case "F32" -> new float[(int) count];
            case "I32" -> new int[(int) count];
            case "I64" -> new long[(int) count];
            default -> throw new ModelFormatException(file, "unsupported dtype " + dtype);
        };
        int done = 0;
        for (long p = dataStart + begin; p < dataStart + end; ) {
            int len = (int) Math.min(CHUNK, dataStart + end - p);
            ByteBuffer b = readFully(ch, p, len);
            int k = len / width;
            switch (data) {
                case float[] f -> b.asFloatBuffer().get(f, done, k);
                case int[] a -> b.asIntBuffer().get(a, done, k);
                case long[] a -> b.asLongBuffer().get(a, done, k);
                default -> throw new IllegalStateException();
            }
            done += k;
            p += len;
        }
        return new Tensor(dtype, shape, data);
    }

    private static ByteBuffer readFully(FileChannel ch, long pos, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        b.flip();
        return b;
    }
}
