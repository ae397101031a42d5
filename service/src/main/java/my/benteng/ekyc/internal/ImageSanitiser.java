package my.benteng.ekyc.internal;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Turns an uploaded card image into a clean one, or refuses it with a reason. The type comes from the magic
 * bytes only (never the file name or declared type); the dimensions are read from the header before any
 * pixel is decoded (pixel-flood guard); the pixels are then decoded and re-encoded, which drops EXIF/GPS,
 * comments, ICC profiles and anything appended after the image (a ZIP in a "JPEG" polyglot).
 */
public final class ImageSanitiser {

    static {
        // ImageIO buffers streams in temp files by default: an uploaded or decrypted card image would then sit
        // unencrypted on disk (and survive shredding). Keep every ImageIO stream in memory.
        javax.imageio.ImageIO.setUseCache(false);
    }

    /** Image formats the vault keeps. */
    public enum Format { JPEG, PNG }

    /** Why an image was refused; each becomes its own problem type. */
    public enum Refusal { EMPTY, TOO_LARGE, NOT_AN_IMAGE, TOO_MANY_PIXELS, UNREADABLE, BUSY }

    /** A refusal; the message is the stable reason, never image content. */
    public static final class RefusedImageException extends RuntimeException {
        private final Refusal refusal;

        RefusedImageException(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** A re-encoded image. */
    public record Clean(Format format, int width, int height, byte[] bytes) {
        @Override
        public String toString() {
            return "Clean[" + format + " " + width + "x" + height + ", " + bytes.length + " bytes]";
        }
    }

    private static final int MAX_SIDE = 20_000;

    private final long maxBytes;
    private final long maxPixels;
    private final java.util.concurrent.Semaphore decoders;
    private final java.time.Duration wait;

    public ImageSanitiser(long maxBytes, long maxPixels) {
        this(maxBytes, maxPixels, Math.max(2, Runtime.getRuntime().availableProcessors()), java.time.Duration.ofSeconds(10));
    }

    /**
     * @param maxConcurrentDecodes images decoded at once: a 25 MP image needs ~100 MB of pixels, so parallel uploads
     *                             must not multiply that without bound (the rest wait up to 10 s, then get BUSY)
     */
    public ImageSanitiser(long maxBytes, long maxPixels, int maxConcurrentDecodes, java.time.Duration wait) {
        this.wait = wait;
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
        this.decoders = new java.util.concurrent.Semaphore(maxConcurrentDecodes, true);
    }

    /** The format by magic bytes: JPEG starts FF D8 FF, PNG with its 8-byte signature; anything else is empty. */
    public static java.util.Optional<Format> sniff(byte[] data) {
        if (data.length >= 3 && (data[0] & 0xff) == 0xFF && (data[1] & 0xff) == 0xD8 && (data[2] & 0xff) == 0xFF) {
            return java.util.Optional.of(Format.JPEG);
        }
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        if (data.length >= png.length && java.util.Arrays.equals(data, 0, png.length, png, 0, png.length)) {
            return java.util.Optional.of(Format.PNG);
        }
        return java.util.Optional.empty();
    }

    public Clean sanitise(byte[] data) {
        Format format = check(data);
        // re-encoded under the same permit as the decode: the pixels it holds count against the bound
        return bounded(() -> {
            BufferedImage rgb = decodeBounded(data, format);
            return new Clean(format, rgb.getWidth(), rgb.getHeight(), encode(rgb, format));
        });
    }

    /** The pixels of an untrusted image as RGB, under the same guards as {@link #sanitise} (not re-encoded). */
    public BufferedImage decode(byte[] data) {
        Format format = check(data);
        return bounded(() -> decodeBounded(data, format));
    }

    long maxBytes() {
        return maxBytes;
    }

    long maxPixels() {
        return maxPixels;
    }

    private Format check(byte[] data) {
        if (data == null || data.length == 0) {
            throw new RefusedImageException(Refusal.EMPTY);
        }
        if (data.length > maxBytes) {
            throw new RefusedImageException(Refusal.TOO_LARGE);
        }
        return sniff(data).orElseThrow(() -> new RefusedImageException(Refusal.NOT_AN_IMAGE));
    }

    private <T> T bounded(java.util.function.Supplier<T> work) {
        try {
            if (!decoders.tryAcquire(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new RefusedImageException(Refusal.BUSY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedImageException(Refusal.BUSY);
        }
        try {
            return work.get();
        } finally {
            decoders.release();
        }
    }

    private BufferedImage decodeBounded(byte[] data, Format format) {
        BufferedImage decoded;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            // the reader for the sniffed format only: a declared type or another plugin never chooses the parser
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format == Format.JPEG ? "jpeg" : "png");
            if (!readers.hasNext()) {
                throw new RefusedImageException(Refusal.UNREADABLE);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true); // ignore metadata: it is dropped anyway and costs parsing
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                // from the header, before a single pixel is allocated: a 65535x65535 "pixel flood" stops here
                if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE || width * height > maxPixels) {
                    throw new RefusedImageException(Refusal.TOO_MANY_PIXELS);
                }
                decoded = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RefusedImageException r) {
                throw r;
            }
            throw new RefusedImageException(Refusal.UNREADABLE);
        }
        return toRgb(decoded);
    }

    public static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE); // transparent PNG areas become white, as on paper
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** Encodes pixels alone: no metadata is written. */
    public static byte[] encode(BufferedImage image, Format format) {
        return format == Format.PNG ? png(image) : jpeg(image, 0.92f);
    }

    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
