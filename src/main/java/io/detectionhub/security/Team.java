package io.detectionhub.security;

/** Who is on the team, as far as other modules need to know it. */
public interface Team {

    /** Enabled accounts that may change rules (editors and admins). */
    long enabledEditors();
}
