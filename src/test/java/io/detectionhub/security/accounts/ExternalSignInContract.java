package io.detectionhub.security.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.detectionhub.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * How a person whom an OpenID Connect provider vouches for becomes an account here ({@link UserAccounts#signInExternally}),
 * on each database: the identity is the issuer and subject, not the name; existing accounts are linked only when
 * allowed; the provider's role is taken at every sign-in; disabled accounts and unusable names are refused.
 */
abstract class ExternalSignInContract {

    private static final String ISSUER = "https://idp.example.org/realms/soc";

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theFirstSignInCreatesTheAccountAndLaterOnesFindItBySubjectWhateverTheNameSays() {
        String name = unique("ext");
        String subject = unique("sub");
        UserAccount created = accounts.signInExternally("kc", ISSUER, subject, name.toUpperCase(), Role.EDITOR, false);
        assertThat(created.username()).isEqualTo(name);
        assertThat(created.role()).isEqualTo(Role.EDITOR);
        assertThat(created.createdBy()).isEqualTo("sso:kc");
        assertThat(audit("user.created", name)).singleElement().asString().contains("first single sign-on via kc");
        assertThat(accounts.singleSignOnProviders().get(created.id())).containsExactly("kc");

        UserAccount renamed = accounts.signInExternally("kc", ISSUER, subject, "someone-else", Role.EDITOR, false);
        assertThat(renamed.id()).isEqualTo(created.id());
        assertThat(renamed.username()).isEqualTo(name);
        assertThat(accounts.find("someone-else")).isEmpty();

        UserAccount demoted = accounts.signInExternally("kc", ISSUER, subject, name, Role.VIEWER, false);
        assertThat(demoted.role()).isEqualTo(Role.VIEWER);
        assertThat(audit("user.role-changed", name)).singleElement().asString()
                .contains("editor -> viewer (from the claims of kc at sign-in)");
    }

    @Test
    void anExistingAccountIsLinkedOnlyWhenAllowedAndToOnePersonPerProvider() {
        String name = unique("local");
        accounts.create(name, Role.VIEWER, "a long enough password");
        String subject = unique("sub");
        assertThatThrownBy(() -> accounts.signInExternally("kc", ISSUER, subject, name, Role.EDITOR, false))
                .isInstanceOfSatisfying(ExternalSignInRefused.class, e -> assertThat(e.reason()).isEqualTo("sso-taken"));
        assertThat(accounts.find(name).orElseThrow().role()).as("nothing changed").isEqualTo(Role.VIEWER);

        UserAccount linked = accounts.signInExternally("kc", ISSUER, subject, name, Role.EDITOR, true);
        assertThat(linked.username()).isEqualTo(name);
        assertThat(linked.role()).isEqualTo(Role.EDITOR);
        assertThat(audit("user.sso-linked", name)).hasSize(1);

        assertThatThrownBy(() -> accounts.signInExternally("kc", ISSUER, unique("sub"), name, Role.EDITOR, true))
                .as("a second person of the same provider").isInstanceOfSatisfying(ExternalSignInRefused.class,
                        e -> assertThat(e.reason()).isEqualTo("sso-taken"));
    }

    @Test
    void disabledAccountsAndUnusableNamesAreRefused() {
        String name = unique("ext");
        String subject = unique("sub");
        UserAccount account = accounts.signInExternally("kc", ISSUER, subject, name, Role.VIEWER, false);
        accounts.setEnabled(account.id(), false);
        assertThatThrownBy(() -> accounts.signInExternally("kc", ISSUER, subject, name, Role.VIEWER, false))
                .isInstanceOfSatisfying(ExternalSignInRefused.class, e -> assertThat(e.reason()).isEqualTo("disabled"));

        String guest = "alice_contoso.com#EXT#@tenant.onmicrosoft.com";
        assertThatThrownBy(() -> accounts.signInExternally("entra", ISSUER, unique("sub"), guest, Role.VIEWER,
                false)).isInstanceOfSatisfying(ExternalSignInRefused.class,
                e -> assertThat(e.reason()).isEqualTo("sso-name"));
        assertThat(accounts.find(guest)).isEmpty();
    }

    private List<String> audit(String action, String objectId) {
        return jdbc.sql("SELECT summary FROM audit_entry WHERE action = :a AND object_id = :o ORDER BY id")
                .param("a", action).param("o", objectId).query(String.class).list();
    }

    private static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }
}
