package io.detectionhub.sigma.evaluation.acceleration.probe;

/** A few contains probes, each looked for with {@code String.contains} (vectorised). */
final class ProbeByProbe implements ContainsSearch {

    private final String[] texts;
    private final int[][] ids;

    ProbeByProbe(String[] texts, int[][] ids) {
        this.texts = texts;
        this.ids = ids;
    }

    @Override
    public void scan(String value, ProbeHits hits) {
        for (int i = 0; i < texts.length; i++) {
            if (value.contains(texts[i])) {
                for (int id : ids[i]) {
                    hits.found(id);
                }
            }
        }
    }

    @Override
    public boolean costly() {
        return false;
    }
}
