package dev.exactlyonce.json.servlet;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * A request body as its reader sees it, from the container's stream or from memory, counted as it is read:
 * the read that takes it past {@code limit} bytes fails with {@link RequestBodyTooLargeException}. Nothing
 * is read ahead, so counting costs no memory.
 */
final class CountingInputStream extends ServletInputStream {

    private final InputStream source;

    private final long limit;

    private long count;

    private boolean finished;

    CountingInputStream(InputStream source, long limit) {
        this.source = source;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int next = source.read();
        counted(next < 0 ? -1 : 1);
        return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return counted(source.read(buffer, offset, length));
    }

    private int counted(int read) throws RequestBodyTooLargeException {
        if (read < 0) {
            finished = true;
            return read;
        }
        count += read;
        if (count > limit) {
            throw new RequestBodyTooLargeException(limit);
        }
        return read;
    }

    @Override
    public boolean isFinished() {
        if (source instanceof ServletInputStream container) {
            return container.isFinished();
        }
        try {
            return finished || source.available() == 0;
        } catch (IOException ex) {
            return true;
        }
    }

    @Override
    public boolean isReady() {
        return !(source instanceof ServletInputStream container) || container.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        if (!(source instanceof ServletInputStream container)) {
            throw new UnsupportedOperationException("The body is already in memory; read it directly");
        }
        container.setReadListener(listener);
    }
}
