package io.detectionhub.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.io.InputStream;

/**
 * The text fields of multipart forms (the evaluate page's pasted rule and events) are decoded as strictly as bodies
 * ({@link RequestText}): the server would replace bytes that are not UTF-8 with U+FFFD without a word, so they are
 * checked before any controller binds them, and refused with a 400 naming the field. Uploaded files are left to the
 * reader of their format.
 */
@Configuration(proxyBeanMethods = false)
class StrictFormFields implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        String type = request.getContentType();
        if (request.getDispatcherType() != DispatcherType.REQUEST || type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
            return true;
        }
        for (Part part : request.getParts()) {
            if (part.getSubmittedFileName() == null) {
                RequestText.decode(bytes(part), partType(part), "form field '" + RequestText.printable(part.getName())
                        + "'");
            }
        }
        return true;
    }

    private static byte[] bytes(Part part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static MediaType partType(Part part) {
        try {
            return part.getContentType() == null ? null : MediaType.parseMediaType(part.getContentType());
        } catch (RuntimeException malformed) {
            return null;
        }
    }
}
