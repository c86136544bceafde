package io.detectionhub.attack.admin;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with {@link UploadTooLargeException} once more than {@code maxBytes} have been read. */
public final class LimitedInputStream extends FilterInputStream {

    private final long maxBytes;
    private long count;

    public LimitedInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        add(skipped);
        return skipped;
    }

    public long count() {
        return count;
    }

    private void add(long n) {
        count += n;
        if (count > maxBytes) {
            throw new UploadTooLargeException("upload larger than " + maxBytes + " bytes");
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
