package io.detectionhub.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.AbstractErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/**
 * The error endpoint ({@code /error}, where the servlet container sends every error the application did not answer
 * itself: an exception no handler knows, a status set by a filter, a malformed parameter): RFC 9457 problem details
 * for the API's paths and for clients that do not accept HTML, the site's error page ({@link PageErrorViewResolver})
 * for browsers on pages. Replaces Spring Boot's default endpoint, whose JSON is not problem details.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ErrorEndpoint extends AbstractErrorController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ErrorAttributes errorAttributes;

    ErrorEndpoint(ErrorAttributes errorAttributes, List<ErrorViewResolver> errorViewResolvers) {
        super(errorAttributes, errorViewResolvers);
        this.errorAttributes = errorAttributes;
    }

    @RequestMapping
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = getStatus(request);
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        response.setStatus(status.value());
        if (StatusProblems.isApi(path) || !acceptsHtml(request)) {
            return new ModelAndView(new ProblemView(problem(request, status, path)));
        }
        Map<String, Object> model = getErrorAttributes(request, ErrorAttributeOptions.defaults());
        ModelAndView page = resolveErrorView(request, response, status, model);
        return page != null ? page : new ModelAndView("error", model, status);
    }

    /** The error's own problem details when it has them (our exceptions do), else those of its status. */
    private ProblemDetail problem(HttpServletRequest request, HttpStatus status, String path) {
        Throwable error = errorAttributes.getError(new ServletWebRequest(request));
        ProblemDetail problem = error instanceof ErrorResponse response ? response.getBody()
                : StatusProblems.of(status, path);
        if (problem.getInstance() == null) {
            problem.setInstance(Problems.instance(path));
        }
        return problem;
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(t -> t.includes(MediaType.TEXT_HTML));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** Writes a problem as {@code application/problem+json}. */
    private record ProblemView(ProblemDetail problem) implements View {

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_PROBLEM_JSON_VALUE;
        }

        @Override
        public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                throws java.io.IOException {
            response.setStatus(problem.getStatus());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            JSON.writeValue(response.getOutputStream(), Problems.members(problem));
        }
    }
}
