package io.detectionhub.attack.catalog;

/**
 * An ATT&amp;CK tactic: {@code id} is the external id ({@code TA0002}), {@code shortName} the phase name used in
 * Sigma tags and technique kill-chain phases ({@code execution}).
 */
public record Tactic(String id, String shortName, String name, String description, String url) {

    public static String urlFor(String tacticId) {
        return "https://attack.mitre.org/tactics/" + tacticId + "/";
    }
}
