package io.detectionhub.security.accounts;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A refused request of the users API, as problem details: 400 a bad field, 404 no such account, 409 not allowed. */
class UserRequestRefused extends ErrorResponseException {

    UserRequestRefused(HttpStatus status, String type, String title, String detail) {
        super(status, Problems.of(status, type, title, detail), null);
    }

    static UserRequestRefused invalid(String detail) {
        return new UserRequestRefused(HttpStatus.BAD_REQUEST, "invalid-user-request", "Invalid user request", detail);
    }

    static UserRequestRefused notFound(long id) {
        return new UserRequestRefused(HttpStatus.NOT_FOUND, "user-not-found", "No such user",
                "There is no account with id " + id + ".");
    }

    static UserRequestRefused conflict(String type, String title, String detail) {
        return new UserRequestRefused(HttpStatus.CONFLICT, type, title, detail);
    }
}
