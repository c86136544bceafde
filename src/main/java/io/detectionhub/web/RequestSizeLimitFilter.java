package io.detectionhub.web;

import io.detectionhub.sigma.evaluation.event.EventLimitExceededException;
import io.detectionhub.sigma.evaluation.event.LimitedInputStream;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Caps request bodies: {@code detectionhub.web.max-body-size} (default 2MB) for every request, except paths matching
 * {@code detectionhub.web.large-body-paths} (uploads that their controllers stream and limit themselves). A declared
 * Content-Length over the limit is refused at once with 413 problem details; a body without one is counted while it
 * is read and fails with {@link PayloadTooLargeException}.
 */
@Component
@EnableConfigurationProperties(RequestSizeLimitFilter.Limits.class)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final Limits limits;
    private final JsonMapper json = JsonMapper.builder().build();
    private final AntPathMatcher matcher = new AntPathMatcher();

    public RequestSizeLimitFilter(Limits limits) {
        this.limits = limits;
    }

    @ConfigurationProperties("detectionhub.web")
    public record Limits(DataSize maxBodySize, List<String> largeBodyPaths) {
        public Limits {
            maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(2) : maxBodySize;
            largeBodyPaths = largeBodyPaths == null ? List.of() : List.copyOf(largeBodyPaths);
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return limits.largeBodyPaths().stream().anyMatch(p -> matcher.match(p, path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limits.maxBodySize().toBytes();
        if (request.getContentLengthLong() > limit) {
            ProblemDetail problem = ApiProblemAdvice.tooLarge(new PayloadTooLargeException(limit));
            problem.setInstance(Problems.instance(request.getRequestURI()));
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // The unread body is not drained: close the connection instead of reading megabytes we refuse.
            response.setHeader("Connection", "close");
            json.writeValue(response.getOutputStream(), Problems.members(problem));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedBody(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    /** The request body, counted by the one byte cap ({@link LimitedInputStream}) as it is read. */
    private static final class LimitedBody extends ServletInputStream {
        private final ServletInputStream delegate;
        private final InputStream limited;
        private final long limit;

        LimitedBody(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limited = new LimitedInputStream(delegate, limit);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            try {
                return limited.read();
            } catch (EventLimitExceededException e) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return limited.read(buffer, offset, length);
            } catch (EventLimitExceededException e) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
