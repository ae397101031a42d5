package my.benteng.platform.internal;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.IOException;

/**
 * A request whose body bytes pass a check as they are read (a size cap, a UTF-8 check), without being buffered: the
 * check may throw to stop the reading where the body goes wrong.
 */
abstract class ObservedBodyRequest extends HttpServletRequestWrapper {

    private ServletInputStream stream;

    ObservedBodyRequest(HttpServletRequest request) {
        super(request);
    }

    /** Sees {@code n} bytes just read into {@code buf} from {@code off}. */
    abstract void read(byte[] buf, int off, int n) throws IOException;

    /** Called when the body has been read to its end. */
    void end() throws IOException {
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            ServletInputStream in = super.getInputStream();
            stream = new ServletInputStream() {
                private final byte[] one = new byte[1];

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b < 0) {
                        end();
                    } else {
                        one[0] = (byte) b;
                        ObservedBodyRequest.this.read(one, 0, 1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = in.read(buf, off, len);
                    if (n < 0) {
                        end();
                    } else if (n > 0) {
                        ObservedBodyRequest.this.read(buf, off, n);
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
        return stream;
    }
}
