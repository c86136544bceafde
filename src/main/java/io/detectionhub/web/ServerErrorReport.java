package io.detectionhub.web;

import org.apache.catalina.Context;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Replaces Tomcat's HTML error report for requests Tomcat refuses before the application sees them (an encoded slash
 * or a broken %-escape in the address, a request line or headers over the size limit): problem details on the API's
 * paths and for clients that do not accept HTML, a plain page in the site's words for browsers. Tomcat's report
 * would show its own page (and its version) instead.
 */
@Component
class ServerErrorReport implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    /** After Spring Boot's own customizer, which adds an error report valve of Tomcat's to the host. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(ServerErrorReport::replaceErrorReport);
    }

    private static void replaceErrorReport(Context context) {
        if (context.getParent() instanceof StandardHost host) {
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemErrorReportValve());
            // The host adds the valve named here when it starts, unless one of that class is in its pipeline.
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        }
    }

    /** The host's error report: runs after the request, and writes a body only when nothing else did. */
    static final class ProblemErrorReportValve extends ErrorReportValve {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int code = response.getStatus();
            if (code < 400 || response.getContentWritten() > 0) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus status = HttpStatus.resolve(code);
            if (status == null) {
                status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
            }
            String path = safely(request::getRequestURI);
            boolean html = !StatusProblems.isApi(path) && acceptsHtml(safely(() -> request.getHeader("Accept")));
            try {
                response.setContentType(html ? MediaType.TEXT_HTML_VALUE : MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer == null) {
                    return;
                }
                writer.write(html ? page(status) : JSON.writeValueAsString(Problems.members(
                        StatusProblems.refusedByServer(status, path))));
                response.finishResponse();
            } catch (IOException | IllegalStateException clientGone) {
                // nothing more can be sent
            }
        }

        private static String page(HttpStatus status) {
            ProblemDetail problem = StatusProblems.refusedByServer(status, null);
            return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                    + HtmlUtils.htmlEscape(PageErrorViewResolver.headline(status)) + " · Detection Hub</title></head>"
                    + "<body><main><h1>" + HtmlUtils.htmlEscape(PageErrorViewResolver.headline(status)) + "</h1><p>"
                    + HtmlUtils.htmlEscape(problem.getDetail()) + "</p><p><a href=\"/\">Detection Hub</a> · "
                    + "<a href=\"/rules\">Rules</a></p></main></body></html>";
        }

        private static boolean acceptsHtml(String accept) {
            return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/html");
        }

        /** A request Tomcat could not parse may not answer everything. */
        private static String safely(java.util.function.Supplier<String> value) {
            try {
                return value.get();
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
