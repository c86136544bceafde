package io.detectionhub.sigma.evaluation.event;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts bytes read and fails with {@link EventLimitExceededException} past the limit (an upload's byte cap). */
public final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;
    private long mark;

    public LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        count(s);
        return s;
    }

    @Override
    public synchronized void mark(int readlimit) {
        super.mark(readlimit);
        mark = count;
    }

    @Override
    public synchronized void reset() throws IOException {
        super.reset();
        count = mark;
    }

    private void count(long n) {
        count += n;
        if (count > limit) {
            throw new EventLimitExceededException(EventLimitExceededException.Limit.BYTES, limit);
        }
    }
}
