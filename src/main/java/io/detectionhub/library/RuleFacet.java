package io.detectionhub.library;

/** What rules can be counted by, under the name of the search parameter that filters by it. */
public enum RuleFacet {
    TACTIC("tactic"),
    TECHNIQUE("technique"),
    LEVEL("level"),
    STATUS("status"),
    PRODUCT("product"),
    CATEGORY("category"),
    SERVICE("service"),
    AUTHOR("author"),
    KIND("kind"),
    ATOMIC_TESTS("hasAtomicTests");

    private final String parameter;

    RuleFacet(String parameter) {
        this.parameter = parameter;
    }

    /** The search parameter of this facet ({@link RuleSearch}). */
    public String parameter() {
        return parameter;
    }
}
