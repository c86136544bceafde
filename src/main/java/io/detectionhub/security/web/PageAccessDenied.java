package io.detectionhub.security.web;

import io.detectionhub.web.PageException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

import java.io.IOException;

/** 403 on pages: the site's error page, saying why in words a person can act on. */
class PageAccessDenied implements AccessDeniedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        String message = e instanceof CsrfException
                ? "The form was sent without its security token, or from an expired page. Reload the page and send"
                + " it again."
                : "Your role does not allow this. Ask an admin if you need it.";
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new PageException(HttpStatus.FORBIDDEN, message));
        response.sendError(HttpStatus.FORBIDDEN.value());
    }
}
