package io.detectionhub.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

import java.util.HashMap;
import java.util.Map;

/**
 * Renders errors of browser requests with the site layout and a message a person can act on. Messages of
 * {@link PageException}s and {@link BadRequestException}s are ours and safe to show; other exceptions get a generic
 * message for their status, so internals never leak into a page.
 */
@Component
public class PageErrorViewResolver implements ErrorViewResolver {

    private final ErrorAttributes errorAttributes;

    public PageErrorViewResolver(ErrorAttributes errorAttributes) {
        this.errorAttributes = errorAttributes;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Map<String, Object> page = new HashMap<>(model);
        Throwable error = errorAttributes.getError(new ServletWebRequest(request));
        page.put("headline", headline(status));
        page.put("readableMessage", error instanceof PageException || error instanceof BadRequestException
                ? error.getMessage() : defaultMessage(status));
        page.put("currentPath", model.get("path"));
        return new ModelAndView("error", page, status);
    }

    static String headline(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "Page not found";
            case BAD_REQUEST -> "That request could not be understood";
            case FORBIDDEN -> "Not allowed";
            case METHOD_NOT_ALLOWED -> "That action is not available here";
            case CONTENT_TOO_LARGE -> "That upload is too large";
            default -> status.is5xxServerError() ? "Something went wrong on our side" : status.getReasonPhrase();
        };
    }

    static String defaultMessage(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "There is nothing at this address. Check the link, or search the rule library.";
            case BAD_REQUEST -> "A parameter of the address or form was missing or malformed. Go back and try again.";
            case METHOD_NOT_ALLOWED -> "This address does not accept that kind of request.";
            case CONTENT_TOO_LARGE -> "The data sent was over the configured size limit. Send less at a time.";
            default -> status.is5xxServerError()
                    ? "The server could not complete the request. Try again; if it keeps happening, check the server log."
                    : "The request could not be completed.";
        };
    }
}
