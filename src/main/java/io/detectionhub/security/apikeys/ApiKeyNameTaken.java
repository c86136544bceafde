package io.detectionhub.security.apikeys;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Key names are never reused (the audit log names keys by name): 409. */
public class ApiKeyNameTaken extends ErrorResponseException {

    public ApiKeyNameTaken(String name) {
        super(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, "api-key-name-taken", "API key name taken",
                "An API key named '" + name + "' exists or existed; names are not reused. Choose another name."), null);
    }
}
