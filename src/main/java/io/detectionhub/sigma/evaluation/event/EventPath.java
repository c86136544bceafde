package io.detectionhub.sigma.evaluation.event;

import java.util.HashMap;
import java.util.Map;

/**
 * A dotted path of an event and the keys it is stored under: the path lower-cased, and for evtx_dump/Chainsaw
 * Windows events its plain Sigma name ({@code Event.EventData.Threat Name} as {@code threatname}, see
 * {@link EventBuilder}).
 * <p>
 * A reader walks the paths of its stream as a tree ({@link #root()}, {@link #child}): each path is computed once
 * per stream instead of once per event, and every event gets the same key instances, whose hashes are already known
 * and which compare equal by identity to the interned field keys of compiled rules. A stream with more distinct
 * paths than {@link #MAX_REMEMBERED} (hostile input can name millions) gets the rest computed per event.
 */
public final class EventPath {

    /** Paths remembered per stream at most. */
    static final int MAX_REMEMBERED = 4096;

    private static final String SYSTEM = "event.system.";
    private static final String EVENT_DATA = "event.eventdata.";
    private static final String USER_DATA = "event.userdata.";

    private final String path;
    private final String key;
    private final String alias;
    private final int[] remembered;
    private Map<String, EventPath> children;
    private Map<String, EventPath> attributes;

    private EventPath(String path, int[] remembered, boolean intern) {
        this.path = path;
        this.remembered = remembered;
        String lower = EventBuilder.key(path);
        String windows = windowsAlias(lower);
        this.key = intern ? lower.intern() : lower;
        this.alias = windows == null || windows.isEmpty() ? null : intern ? windows.intern() : windows;
    }

    /** The empty path, root of a stream's tree of paths. */
    public static EventPath root() {
        return new EventPath("", new int[1], false);
    }

    /** A path on its own, outside any tree. */
    public static EventPath of(String path) {
        return new EventPath(path, null, false);
    }

    /** This path followed by {@code .name} (just {@code name} at the root). */
    public EventPath child(String name) {
        if (children == null) {
            children = new HashMap<>();
        }
        return next(children, name, path.isEmpty() ? name : path + '.' + name);
    }

    /** This element's XML attribute, named {@code Element_Attribute}. */
    public EventPath attribute(String name) {
        if (attributes == null) {
            attributes = new HashMap<>();
        }
        return next(attributes, name, path.isEmpty() ? name : path + '_' + name);
    }

    private EventPath next(Map<String, EventPath> known, String name, String nextPath) {
        EventPath next = known.get(name);
        if (next == null) {
            if (remembered == null || remembered[0] >= MAX_REMEMBERED) {
                return new EventPath(nextPath, null, false);
            }
            remembered[0]++;
            next = new EventPath(nextPath, remembered, true);
            known.put(name, next);
        }
        return next;
    }

    /** The path as the event spells it. */
    public String path() {
        return path;
    }

    /** The path lower-cased: the key the value is stored under. */
    String key() {
        return key;
    }

    /** The plain Sigma name of a Windows event path (lower-cased), or null. */
    String alias() {
        return alias;
    }

    private static String windowsAlias(String lower) {
        if (!lower.startsWith("event.")) {
            return null;
        }
        if (lower.startsWith(SYSTEM)) {
            return lower.substring(SYSTEM.length());
        }
        if (lower.startsWith(EVENT_DATA)) {
            return stripSpaces(lower.substring(EVENT_DATA.length()));
        }
        if (lower.startsWith(USER_DATA)) {
            String rest = lower.substring(USER_DATA.length());
            int dot = rest.indexOf('.');
            return dot < 0 ? null : stripSpaces(rest.substring(dot + 1));
        }
        return null;
    }

    private static String stripSpaces(String s) {
        return s.indexOf(' ') < 0 ? s : s.replace(" ", "");
    }

    @Override
    public String toString() {
        return path;
    }
}
