package my.benteng.platform.internal;

/**
 * Checks a byte stream, one byte at a time, to be well-formed UTF-8 as RFC 3629 defines it: shortest form only (no overlong
 * {@code C0 AF} for '/'), no surrogates, nothing above U+10FFFF, no sequence cut off at the end. An overlong form is how a
 * character a filter looks for slips past it and reappears after a lenient decoder.
 */
final class Utf8Validator {

    private int remaining;
    private int lower = 0x80;
    private int upper = 0xbf;

    /** Takes the next byte (0-255); throws {@link MalformedBodyException} at the first byte that cannot be there. */
    void accept(int b) throws MalformedBodyException {
        if (remaining == 0) {
            if (b < 0x80) {
                return;
            }
            if (b >= 0xc2 && b <= 0xdf) {
                start(1, 0x80, 0xbf);
            } else if (b == 0xe0) {
                start(2, 0xa0, 0xbf);
            } else if (b == 0xed) {
                start(2, 0x80, 0x9f);
            } else if (b >= 0xe1 && b <= 0xef) {
                start(2, 0x80, 0xbf);
            } else if (b == 0xf0) {
                start(3, 0x90, 0xbf);
            } else if (b >= 0xf1 && b <= 0xf3) {
                start(3, 0x80, 0xbf);
            } else if (b == 0xf4) {
                start(3, 0x80, 0x8f);
            } else {
                throw new MalformedBodyException();
            }
            return;
        }
        if (b < lower || b > upper) {
            throw new MalformedBodyException();
        }
        remaining--;
        lower = 0x80;
        upper = 0xbf;
    }

    /** The end of the stream: throws if it cut a character off. */
    void end() throws MalformedBodyException {
        if (remaining != 0) {
            throw new MalformedBodyException();
        }
    }

    private void start(int continuation, int low, int high) {
        remaining = continuation;
        lower = low;
        upper = high;
    }
}
