package io.detectionhub.attack.atomic;

import java.util.List;

/** One Atomic Red Team test. {@code number} is its 1-based position in the technique's file (Atomic's "Test #"). */
public record AtomicTest(int number, String guid, String name, String description, List<String> platforms,
                         List<InputArgument> inputArguments, AtomicExecutor executor) {

    public AtomicTest {
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
        inputArguments = inputArguments == null ? List.of() : List.copyOf(inputArguments);
    }

    public String url(String techniqueId) {
        return "https://github.com/redcanaryco/atomic-red-team/blob/master/atomics/" + techniqueId + "/"
                + techniqueId + ".md";
    }
}
