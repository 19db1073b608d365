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
 * 8       4     u32 format version (2; version 1 files are still read)
 * 12      4     u32 CRC-32 of the H header bytes (version 1: reserved, 0, no header check)
 * 16      8     u64 length H of the JSON header
 * 24      H     JSON header, UTF-8, space-padded to a multiple of 8: model type, config, id indices,
 *               provenance, and the length and CRC-32 of the tensor section
 * 24 + H  ...   tensor section: a complete safetensors file (u64 header length, JSON, raw LE data)
 * </pre>
 * The tensor section is byte-for-byte a safetensors file, so Python reads the weights with
 * {@code safetensors.numpy.load(data[24 + H:])}; see docs/model-format.md. Files are written atomically and
 * checked on load (magic, version, lengths, the header's and the tensors' CRC-32, and every tensor's dtype, shape
 * and offsets against the file's length before anything is allocated), so a truncated, corrupt, foreign or
 * malicious file fails with a {@link ModelFormatException} naming the file, in memory bounded by its size.
 */
public final class ModelFile {
    static final byte[] MAGIC = {'R', 'E', 'C', 'O', 'D', 'E', 'R', 0};
    /** The format version this build writes. */
    public static final int FORMAT_VERSION = 2;
    /** The oldest format version this build reads. */
    public static final int OLDEST_READABLE_VERSION = 1;
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
            CRC32 headerCrc = new CRC32();
            headerCrc.update(json);
            pre.put(MAGIC).putInt(FORMAT_VERSION).putInt((int) headerCrc.getValue()).putLong(json.length);
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
     * @param bytes  its size in the file
     * @param offset where its data starts, from the start of the tensor data
     */
    public record TensorInfo(String dtype, long[] shape, long bytes, long offset) {
    }

    /**
     * The JSON header and the tensor table of a model file, read without the tensor data (which is neither loaded
     * nor checksummed): what {@code recoder models inspect} prints, at any model size.
     */
    public record Headers(JsonNode header, Map<String, TensorInfo> tensors, long fileBytes) {
    }

    /** Reads only the headers of a model file (magic, version and lengths checked; the data is not read). */
    public static Headers readHeaders(Path file) {
        return open(file, (ch, size, header, sectionStart) -> new Headers(header, tensorTable(ch, sectionStart, size, file), size));
    }

    /** What a reader does with an open, header-checked model file. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(FileChannel ch, long size, JsonNode header, long sectionStart) throws IOException;
    }

    /** Opens {@code file}, checks its header, runs {@code reader}; every failure names the file. */
    private static <T> T open(Path file, Reader<T> reader) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            JsonNode header = readHeader(ch, size, file);
            long sectionStart = 24 + readFully(ch, 16, 8).getLong();
            return reader.read(ch, size, header, sectionStart);
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
        long storedHeaderCrc = pre.getInt() & 0xFFFFFFFFL;
        long h = pre.getLong();
        if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION) {
            throw new ModelFormatException(file, "model format version " + version + " is not supported by this Recoder"
                    + " (it reads versions " + OLDEST_READABLE_VERSION + " to " + FORMAT_VERSION + ")");
        }
        if (h <= 0 || 24 + h > size || h > 1L << 30) {
            throw new ModelFormatException(file, "truncated or corrupt: header length " + h + " in a file of " + size + " bytes");
        }
        ByteBuffer headerBytes = readFully(ch, 24, (int) h);
        if (version >= 2) {
            CRC32 crc = new CRC32();
            crc.update(headerBytes.duplicate());
            if (crc.getValue() != storedHeaderCrc) {
                throw new ModelFormatException(file, "corrupt: header checksum does not match");
            }
        }
        JsonNode header = Json.parse(StandardCharsets.UTF_8.decode(headerBytes).toString());
        if (!header.isObject()) {
            throw new ModelFormatException(file, "corrupt header: not a JSON object");
        }
        if (header.path("format_version").asInt(-1) != version) {
            throw new ModelFormatException(file, "corrupt header: format_version " + header.path("format_version")
                    + " does not match the file's version " + version);
        }
        long sectionLength = header.path("tensor_section_length").asLong(-1);
        if (sectionLength < 8 || 24 + h + sectionLength != size) {
            throw new ModelFormatException(file, "truncated or corrupt: expected " + (24 + h + sectionLength)
                    + " bytes, file has " + size);
        }
        return header;
    }

    /** Reads and checks a model file. */
    public static Contents read(Path file) {
        return open(file, (ch, size, header, sectionStart) -> {
            CRC32 crc = new CRC32();
            for (long p = sectionStart; p < size; p += CHUNK) {
                ByteBuffer b = readFully(ch, p, (int) Math.min(CHUNK, size - p));
                crc.update(b);
            }
            if (crc.getValue() != header.path("tensor_section_crc32").asLong(-1)) {
                throw new ModelFormatException(file, "corrupt: tensor data checksum does not match");
            }
            Map<String, TensorInfo> table = tensorTable(ch, sectionStart, size, file);
            long dataStart = sectionStart + 8 + readFully(ch, sectionStart, 8).getLong();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (var e : table.entrySet()) {
                tensors.put(e.getKey(), readTensor(ch, dataStart, e.getValue(), file));
            }
            return new Contents(header, tensors);
        });
    }

    /**
     * The safetensors table of the section at {@code sectionStart}: every entry's dtype, shape and offsets checked
     * against each other and against the data's length, so nothing larger than the file is ever allocated.
     */
    private static Map<String, TensorInfo> tensorTable(FileChannel ch, long sectionStart, long size, Path file) throws IOException {
        long n = readFully(ch, sectionStart, 8).getLong();
        if (n <= 0 || n > size - sectionStart - 8 || n > 1L << 30) {
            throw new ModelFormatException(file, "truncated or corrupt: tensor table length " + n);
        }
        long dataLength = size - sectionStart - 8 - n;
        JsonNode st = Json.parse(StandardCharsets.UTF_8.decode(readFully(ch, sectionStart + 8, (int) n)).toString());
        if (!st.isObject()) {
            throw new ModelFormatException(file, "corrupt tensor table: not a JSON object");
        }
        Map<String, TensorInfo> out = new LinkedHashMap<>();
        for (var e : st.properties()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            JsonNode meta = e.getValue();
            String dtype = meta.path("dtype").asString("");
            int width = switch (dtype) {
                case "F32", "I32" -> 4;
                case "I64" -> 8;
                default -> throw new ModelFormatException(file, "tensor '" + name + "': unsupported dtype '" + dtype + "'");
            };
            JsonNode offsets = meta.path("data_offsets");
            JsonNode shapeNode = meta.path("shape");
            if (!offsets.isArray() || offsets.size() != 2 || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()
                    || !shapeNode.isArray()) {
                throw new ModelFormatException(file, "tensor '" + name + "': data_offsets and shape must be arrays of integers");
            }
            long begin = offsets.get(0).asLong();
            long end = offsets.get(1).asLong();
            if (begin < 0 || end < begin || end > dataLength) {
                throw new ModelFormatException(file, "tensor '" + name + "': data_offsets [" + begin + ", " + end
                        + "] do not lie within the " + dataLength + " bytes of tensor data");
            }
            long[] shape = new long[shapeNode.size()];
            long count = 1;
            for (int k = 0; k < shape.length; k++) {
                JsonNode d = shapeNode.get(k);
                if (!d.isIntegralNumber() || d.asLong() < 0 || d.asLong() > Integer.MAX_VALUE) {
                    throw new ModelFormatException(file, "tensor '" + name + "': bad shape " + shapeNode);
                }
                shape[k] = d.asLong();
                count = Math.multiplyHigh(count, shape[k]) != 0 ? Long.MAX_VALUE : count * shape[k];
            }
            if (count > Integer.MAX_VALUE - 8) {
                throw new ModelFormatException(file, "tensor '" + name + "': shape " + shapeNode + " is too large for one Java array");
            }
            if (count * width != end - begin) {
                throw new ModelFormatException(file, "tensor '" + name + "': shape " + shapeNode + " of " + dtype + " needs "
                        + count * width + " bytes, data_offsets give " + (end - begin));
            }
            out.put(name, new TensorInfo(dtype, shape, end - begin, begin));
        }
        return out;
    }

    private static Tensor readTensor(FileChannel ch, long dataStart, TensorInfo info, Path file) throws IOException {
        String dtype = info.dtype();
        int width = dtype.equals("I64") ? 8 : 4;
        int count = (int) (info.bytes() / width);
        Object data = switch (dtype) {
            case "F32" -> new float[count];
            case "I32" -> new int[count];
            default -> new long[count];
        };
        int done = 0;
        long begin = dataStart + info.offset();
        long end = begin + info.bytes();
        for (long p = begin; p < end; ) {
            int len = (int) Math.min(CHUNK, end - p);
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
        return new Tensor(dtype, info.shape(), data);
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
