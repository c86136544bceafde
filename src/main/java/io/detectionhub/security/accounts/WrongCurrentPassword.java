package io.detectionhub.security.accounts;

/** A password change whose current password is wrong (counted like a failed sign-in). */
public class WrongCurrentPassword extends AccountChangeRefused {

    public WrongCurrentPassword() {
        super("The current password is not right.");
    }
}
