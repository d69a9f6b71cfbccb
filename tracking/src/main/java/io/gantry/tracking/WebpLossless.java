package io.gantry.tracking;

import java.io.ByteArrayOutputStream;
import java.util.PriorityQueue;

/**
 * A lossless WebP (VP8L) encoder for the thumbnails MLflow's image view loads: the JDK has no WebP
 * writer. It uses the subtract-green transform (grey images then need no red or blue bits) and one
 * Huffman code per channel from the image's own histograms; no backward references, no colour cache.
 * Format: Google's "WebP Lossless Bitstream Specification" (RFC 9649).
 */
public final class WebpLossless {
    private static final int MAX_SIDE = 1 << 14;
    /** The order in which the code-length code's lengths are written. */
    private static final int[] CODE_LENGTH_ORDER = {17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    /** Green's alphabet: 256 literals and 24 length prefixes (no colour cache). */
    private static final int GREEN_ALPHABET = 256 + 24;

    private WebpLossless() {
    }

    /**
     * @param argb pixels row by row, {@code 0xAARRGGBB}
     * @return a complete {@code .webp} file
     */
    public static byte[] encode(int[] argb, int width, int height) {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE || argb.length != width * height) {
            throw new IllegalArgumentException("WebP needs 1 to 16384 pixels a side and width*height pixels; got "
                    + width + "x" + height + " and " + argb.length + " pixels");
        }
        int[][] channels = new int[4][argb.length]; // green, red - green, blue - green, alpha
        boolean alpha = false;
        for (int i = 0; i < argb.length; i++) {
            int a = argb[i] >>> 24;
            int r = (argb[i] >> 16) & 0xff;
            int g = (argb[i] >> 8) & 0xff;
            int b = argb[i] & 0xff;
            channels[0][i] = g;
            channels[1][i] = (r - g) & 0xff;
            channels[2][i] = (b - g) & 0xff;
            channels[3][i] = a;
            alpha |= a != 0xff;
        }
        BitWriter out = new BitWriter();
        out.write(0x2f, 8);
        out.write(width - 1, 14);
        out.write(height - 1, 14);
        out.write(alpha ? 1 : 0, 1);
        out.write(0, 3); // version
        out.write(1, 1); // a transform:
        out.write(2, 2); // subtract green
        out.write(0, 1); // no more transforms
        out.write(0, 1); // no colour cache
        out.write(0, 1); // one prefix-code group for the whole image
        int[][] codes = new int[5][];
        int[][] lengths = new int[5][];
        int[] alphabets = {GREEN_ALPHABET, 256, 256, 256, 40};
        for (int c = 0; c < 5; c++) {
            int[] histogram = new int[alphabets[c]];
            if (c < 4) {
                for (int v : channels[c]) {
                    histogram[v]++;
                }
            }
            lengths[c] = writePrefixCode(out, histogram);
            codes[c] = canonicalCodes(lengths[c]);
        }
        // pixels as literals: green, red, blue, alpha
        int[] order = {0, 1, 2, 3};
        for (int i = 0; i < argb.length; i++) {
            for (int c : order) {
                int v = channels[c][i];
                if (lengths[c][v] > 0) {
                    out.writeCode(codes[c][v], lengths[c][v]);
                }
            }
        }
        byte[] data = out.toByteArray();
        ByteArrayOutputStream file = new ByteArrayOutputStream(data.length + 21);
        int chunk = data.length + (data.length & 1);
        file.writeBytes("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        writeLe32(file, 4 + 8 + chunk);
        file.writeBytes("WEBPVP8L".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        writeLe32(file, data.length);
        file.writeBytes(data);
        if ((data.length & 1) == 1) {
            file.write(0);
        }
        return file.toByteArray();
    }

    /**
     * Writes the prefix code for a histogram; returns each symbol's code length in bits, 0 for a symbol
     * that costs nothing (unused, or the only one used).
     */
    private static int[] writePrefixCode(BitWriter out, int[] histogram) {
        int used = 0;
        int only = 0;
        for (int s = 0; s < histogram.length; s++) {
            if (histogram[s] > 0) {
                used++;
                only = s;
            }
        }
        if (used <= 1 && only < 256) {
            // simple code with one 8-bit symbol: the decoder reads no bits for it
            out.write(1, 1);
            out.write(0, 1);
            out.write(1, 1);
            out.write(only, 8);
            return new int[histogram.length];
        }
        int[] lengths = huffmanLengths(histogram, 15);
        out.write(0, 1); // normal code
        int[] lengthHistogram = new int[19];
        for (int length : lengths) {
            lengthHistogram[length]++;
        }
        int[] lengthLengths = huffmanLengths(lengthHistogram, 7);
        int distinct = 0;
        for (int l : lengthHistogram) {
            distinct += l > 0 ? 1 : 0;
        }
        if (distinct == 1) {
            // a code with one symbol is read with no bits; its length in the header just has to be non-zero
            for (int s = 0; s < 19; s++) {
                lengthLengths[s] = lengthHistogram[s] > 0 ? 1 : 0;
            }
        }
        out.write(19 - 4, 4);
        for (int s : CODE_LENGTH_ORDER) {
            out.write(lengthLengths[s], 3);
        }
        out.write(0, 1); // every symbol's length follows
        int[] lengthCodes = canonicalCodes(lengthLengths);
        for (int length : lengths) {
            if (distinct > 1) {
                out.writeCode(lengthCodes[length], lengthLengths[length]);
            }
        }
        return lengths;
    }

    /**
     * Huffman code lengths for {@code histogram}, none longer than {@code limit} (counts are halved until
     * the tree fits); 0 for unused symbols. At least two symbols must be used.
     */
    static int[] huffmanLengths(int[] histogram, int limit) {
        long[] counts = new long[histogram.length];
        for (int s = 0; s < counts.length; s++) {
            counts[s] = histogram[s];
        }
        while (true) {
            int[] lengths = treeLengths(counts);
            int max = 0;
            for (int l : lengths) {
                max = Math.max(max, l);
            }
            if (max <= limit) {
                return lengths;
            }
            for (int s = 0; s < counts.length; s++) {
                counts[s] = counts[s] == 0 ? 0 : Math.max(1, counts[s] / 2);
            }
        }
    }

    private static int[] treeLengths(long[] counts) {
        int n = counts.length;
        // nodes 0..n-1 are symbols, the rest internal; parent[] links them up
        int[] parent = new int[2 * n];
        long[] weight = new long[2 * n];
        PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : Long.compare(a[1], b[1]));
        for (int s = 0; s < n; s++) {
            if (counts[s] > 0) {
                weight[s] = counts[s];
                queue.add(new long[] {counts[s], s});
            }
        }
        int next = n;
        while (queue.size() > 1) {
            int a = (int) queue.poll()[1];
            int b = (int) queue.poll()[1];
            weight[next] = weight[a] + weight[b];
            parent[a] = next;
            parent[b] = next;
            queue.add(new long[] {weight[next], next});
            next++;
        }
        int root = next - 1;
        int[] lengths = new int[n];
        for (int s = 0; s < n; s++) {
            if (counts[s] > 0) {
                int depth = 0;
                for (int node = s; node != root; node = parent[node]) {
                    depth++;
                }
                lengths[s] = depth;
            }
        }
        return lengths;
    }

    /** Canonical codes (DEFLATE's rule: by length, then by symbol) for the given lengths. */
    static int[] canonicalCodes(int[] lengths) {
        int[] perLength = new int[16];
        for (int l : lengths) {
            if (l > 0) {
                perLength[l]++;
            }
        }
        int[] next = new int[16];
        int code = 0;
        for (int l = 1; l < 16; l++) {
            code = (code + perLength[l - 1]) << 1;
            next[l] = code;
        }
        int[] codes = new int[lengths.length];
        for (int s = 0; s < lengths.length; s++) {
            if (lengths[s] > 0) {
                codes[s] = next[lengths[s]]++;
            }
        }
        return codes;
    }

    private static void writeLe32(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write((v >> 8) & 0xff);
        out.write((v >> 16) & 0xff);
        out.write((v >>> 24) & 0xff);
    }

    /** Bits packed least significant first, as VP8L reads them. */
    private static final class BitWriter {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private long buffer;
        private int count;

        void write(int value, int bits) {
            buffer |= ((long) value & ((1L << bits) - 1)) << count;
            count += bits;
            while (count >= 8) {
                bytes.write((int) (buffer & 0xff));
                buffer >>>= 8;
                count -= 8;
            }
        }

        /** A prefix code goes out from its most significant bit, so it is written reversed. */
        void writeCode(int code, int length) {
            write(Integer.reverse(code) >>> (32 - length), length);
        }

        byte[] toByteArray() {
            if (count > 0) {
                bytes.write((int) (buffer & 0xff));
                buffer = 0;
                count = 0;
            }
            return bytes.toByteArray();
        }
    }
}
