package io.pggan.agecnn.weights;

import java.util.List;

/**
 * What a weight import did.
 *
 * @param matched parameters copied from the file (same name, same shape)
 * @param adapted parameters copied after adapting their shape (the first convolution's RGB kernels
 *     summed for a one-channel model)
 * @param missing model parameters the file did not contain (left as they were)
 * @param unexpected file entries the model has no parameter for (ignored)
 */
public record ImportReport(
        List<String> matched, List<String> adapted, List<String> missing, List<String> unexpected) {
    public ImportReport {
        matched = List.copyOf(matched);
        adapted = List.copyOf(adapted);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
    }

    /** True when every model parameter came from the file and nothing was left over. */
    public boolean isComplete() {
        return missing.isEmpty() && unexpected.isEmpty();
    }

    /** A few lines a person can read: counts and the names that did not match. */
    public String summary() {
        return String.format(
                "matched %d, adapted %d %s, missing %d %s, unexpected %d %s",
                matched.size(),
                adapted.size(),
                adapted,
                missing.size(),
                abbreviate(missing),
                unexpected.size(),
                abbreviate(unexpected));
    }

    private static String abbreviate(List<String> names) {
        if (names.size() <= 12) {
            return names.toString();
        }
        return names.subList(0, 12) + " ... (" + (names.size() - 12) + " more)";
    }
}
