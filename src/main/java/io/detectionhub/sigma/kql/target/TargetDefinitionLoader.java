package io.detectionhub.sigma.kql.target;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a target definition (YAML, or JSON which is YAML) into a {@link Target}, checking it completely and reporting
 * every problem at once. Hostile input is bounded: size, aliases, nesting and element counts are limited and only
 * plain YAML types are built. The format is described in docs/kql.md ("Target definitions").
 */
public final class TargetDefinitionLoader {

    public static final int MAX_CHARS = 4_000_000;
    private static final int MAX_TABLES = 500;
    private static final int MAX_COLUMNS_PER_TABLE = 2_000;
    private static final int MAX_FIELDS_PER_TABLE = 2_000;
    private static final int MAX_LOGSOURCE_RULES = 2_000;
    private static final Pattern TARGET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    /** Table and column names: printable, no quote or bracket that could end a quoted KQL name. */
    private static final Pattern KQL_NAME = Pattern.compile("[\\p{L}\\p{N}_ .$-]{1,256}");
    private static final Set<String> TOP_KEYS = Set.of("name", "description", "base", "unmapped-fields", "timestamp",
            "logsources", "fields", "tables", "columns", "detection-columns");
    private static final Set<String> TABLE_KEYS = Set.of("timestamp", "analyst-columns", "fields", "columns",
            "event-data", "entities", "detection-columns");
    private static final int MAX_ENTITIES_PER_TABLE = 20;
    private static final Set<String> LOGSOURCE_KEYS = Set.of("category", "product", "service", "table", "reason", "require",
            "fields", "event-data");
    private static final Set<String> COLUMN_TARGET_KEYS = Set.of("column", "member", "basename", "split-domain", "map",
            "replace-prefix", "value-name", "previous-key", "previous-value-name", "registry-data", "url-part", "warning");
    private static final Set<String> EVENT_DATA_KEYS = Set.of("column", "members");

    private final Function<String, Optional<Target>> baseTargets;
    private final boolean allowBaseLists;

    /** @param baseTargets finds the target named by {@code base:} (built-in or stored) */
    public TargetDefinitionLoader(Function<String, Optional<Target>> baseTargets) {
        this(baseTargets, false);
    }

    /**
     * @param allowBaseLists whether {@code base:} may list any targets (built-in definitions); otherwise a list may
     *                       name built-in targets only (the stored user targets track one user base each)
     */
    TargetDefinitionLoader(Function<String, Optional<Target>> baseTargets, boolean allowBaseLists) {
        this.baseTargets = baseTargets;
        this.allowBaseLists = allowBaseLists;
    }

    public Target load(String text) {
        if (text == null || text.isBlank()) {
            throw new TargetDefinitionException(List.of("the definition is empty"));
        }
        if (text.length() > MAX_CHARS) {
            throw new TargetDefinitionException(List.of("the definition is larger than " + MAX_CHARS + " characters"));
        }
        Object document;
        try {
            document = yaml().load(text);
        } catch (YAMLException e) {
            throw new TargetDefinitionException(List.of("not valid YAML: " + firstLine(e.getMessage())));
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new TargetDefinitionException(List.of("the definition must be a map with name, logsources and tables"));
        }
        return new Reader().read(root);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_CHARS);
        options.setAllowRecursiveKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** One pass over one document, collecting problems. */
    private final class Reader {
        private final List<String> problems = new ArrayList<>();

        Target read(Map<?, ?> root) {
            unknownKeys(root, TOP_KEYS, "");
            String name = string(root.get("name"), "name");
            if (name == null) {
                problems.add("name: required");
            } else if (!TARGET_NAME.matcher(name).matches() || name.equals(Target.CUSTOM)) {
                problems.add("name: '" + name + "' must be 1-63 lower-case letters, digits, '.', '_' or '-' and not 'custom'");
            }
            String description = string(root.get("description"), "description");
            List<String> baseNames = baseNames(root.get("base"));
            String baseName = baseNames.isEmpty() ? null : String.join(", ", baseNames);
            List<Target> bases = new ArrayList<>();
            for (String b : baseNames) {
                Target found = baseTargets.apply(b).orElse(null);
                if (found == null) {
                    problems.add("base: no target named '" + b + "'");
                } else {
                    bases.add(found);
                }
            }
            Target base = bases.isEmpty() ? null : bases.get(0);
            UnmappedFieldPolicy policy = base != null ? base.unmappedFields() : UnmappedFieldPolicy.REFUSE;
            String policyText = string(root.get("unmapped-fields"), "unmapped-fields");
            if (policyText != null) {
                policy = UnmappedFieldPolicy.fromKeyword(policyText).orElse(policy);
                if (UnmappedFieldPolicy.fromKeyword(policyText).isEmpty()) {
                    problems.add("unmapped-fields: '" + policyText + "' is not one of refuse, passthrough, drop");
                }
            }
            String defaultTimestamp = string(root.get("timestamp"), "timestamp");
            List<String> defaultDetectionColumns = root.get("detection-columns") == null ? List.of()
                    : stringList(root.get("detection-columns"), "detection-columns");

            Map<String, Map<String, ColumnType>> columns = new LinkedHashMap<>();
            Map<String, Map<String, FieldMapping>> tableFields = new LinkedHashMap<>();
            Map<String, String> timestamps = new LinkedHashMap<>();
            Map<String, List<String>> analystColumns = new LinkedHashMap<>();
            Map<String, EventData> eventData = new LinkedHashMap<>();
            Map<String, List<EntityMapping>> entities = new LinkedHashMap<>();
            Map<String, List<String>> detectionColumns = new LinkedHashMap<>();
            for (Target b : bases) {
                for (TableMapping t : b.tables().values()) {
                    if (!t.entities().isEmpty()) {
                        entities.putIfAbsent(t.name(), t.entities());
                    }
                    if (!t.detectionColumns().isEmpty()) {
                        detectionColumns.putIfAbsent(t.name(), t.detectionColumns());
                    }
                    if (t.eventData() != null) {
                        eventData.put(t.name(), t.eventData());
                    }
                    columns.computeIfAbsent(t.name(), k -> new LinkedHashMap<>()).putAll(t.columns());
                    tableFields.computeIfAbsent(t.name(), k -> new LinkedHashMap<>()).putAll(t.fields());
                    timestamps.put(t.name(), t.timestampColumn());
                    analystColumns.put(t.name(), t.analystColumns());
                }
            }
            Map<?, ?> columnsSection = map(root.get("columns"), "columns");
            if (columnsSection != null) {
                for (Map.Entry<?, ?> e : columnsSection.entrySet()) {
                    String table = tableName(e.getKey(), "columns");
                    if (table != null) {
                        columns.computeIfAbsent(table, k -> new LinkedHashMap<>())
                                .putAll(readColumns(e.getValue(), "columns." + table));
                    }
                }
            }
            Map<?, ?> tablesSection = map(root.get("tables"), "tables");
            if (tablesSection != null) {
                if (tablesSection.size() > MAX_TABLES) {
                    problems.add("tables: more than " + MAX_TABLES + " tables");
                }
                for (Map.Entry<?, ?> e : tablesSection.entrySet()) {
                    String table = tableName(e.getKey(), "tables");
                    Map<?, ?> body = e.getValue() == null ? Map.of() : map(e.getValue(), "tables." + table);
                    if (table == null || body == null) {
                        continue;
                    }
                    String path = "tables." + table;
                    unknownKeys(body, TABLE_KEYS, path + ".");
                    if (body.get("columns") != null) {
                        columns.computeIfAbsent(table, k -> new LinkedHashMap<>())
                                .putAll(readColumns(body.get("columns"), path + ".columns"));
                    }
                    columns.computeIfAbsent(table, k -> new LinkedHashMap<>());
                    String ts = string(body.get("timestamp"), path + ".timestamp");
                    if (ts != null) {
                        timestamps.put(table, ts);
                    }
                    if (body.get("event-data") != null) {
                        EventData data = readEventData(body.get("event-data"), path + ".event-data");
                        if (data != null) {
                            eventData.put(table, data);
                        }
                    }
                    if (body.get("entities") != null) {
                        entities.put(table, readEntities(body.get("entities"), path + ".entities"));
                    }
                    if (body.get("detection-columns") != null) {
                        detectionColumns.put(table, stringList(body.get("detection-columns"), path + ".detection-columns"));
                    }
                    if (body.get("analyst-columns") != null) {
                        analystColumns.put(table, stringList(body.get("analyst-columns"), path + ".analyst-columns"));
                    }
                    Map<String, FieldMapping> fields = tableFields.computeIfAbsent(table, k -> new LinkedHashMap<>());
                    Map<?, ?> fieldSection = map(body.get("fields"), path + ".fields");
                    if (fieldSection != null) {
                        fields.putAll(readFields(fieldSection, path + ".fields"));
                    }
                }
            }
            // generic mappings: for every table whose columns they name (or whose columns are unknown)
            Map<?, ?> genericSection = map(root.get("fields"), "fields");
            Map<String, FieldMapping> generic = genericSection == null ? Map.of() : readFields(genericSection, "fields");
            for (String table : columns.keySet()) {
                tableFields.computeIfAbsent(table, k -> new LinkedHashMap<>());
            }
            for (Map.Entry<String, Map<String, FieldMapping>> t : tableFields.entrySet()) {
                Map<String, ColumnType> tableColumns = columns.getOrDefault(t.getKey(), Map.of());
                for (Map.Entry<String, FieldMapping> g : generic.entrySet()) {
                    boolean applies = tableColumns.isEmpty()
                            || g.getValue().columns().stream().allMatch(tableColumns::containsKey);
                    if (applies) {
                        t.getValue().putIfAbsent(g.getKey(), g.getValue());
                    }
                }
            }

            List<LogSourceRule> rules = new ArrayList<>();
            Object logsourcesSection = root.get("logsources");
            if (logsourcesSection == null && base == null) {
                problems.add("logsources: required (a list of {category, product, service, table, reason})");
            } else if (logsourcesSection != null) {
                if (!(logsourcesSection instanceof List<?> list)) {
                    problems.add("logsources: must be a list");
                } else {
                    if (list.size() > MAX_LOGSOURCE_RULES) {
                        problems.add("logsources: more than " + MAX_LOGSOURCE_RULES + " rules");
                    }
                    for (int i = 0; i < list.size() && i < MAX_LOGSOURCE_RULES; i++) {
                        LogSourceRule rule = readLogSourceRule(list.get(i), "logsources[" + i + "]");
                        if (rule != null) {
                            rules.add(rule);
                            tableFields.computeIfAbsent(rule.table(), k -> new LinkedHashMap<>());
                        }
                    }
                }
            }
            for (Target b : bases) {
                rules.addAll(b.logsources());
            }

            for (int i = 0; i < rules.size(); i++) {
                LogSourceRule rule = rules.get(i);
                Map<String, ColumnType> tableColumns = columns.getOrDefault(rule.table(), Map.of());
                for (String column : rule.require().keySet()) {
                    if (!tableColumns.isEmpty() && !tableColumns.containsKey(column)) {
                        problems.add("logsources[" + i + "].require: '" + column + "' is not a column of " + rule.table());
                    }
                }
                checkFields("logsources[" + i + "].fields", rule.table(), rule.fields(), tableColumns);
                checkEventData("logsources[" + i + "].event-data", rule.table(), rule.eventData(), tableColumns);
            }
            Map<String, TableMapping> tables = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, FieldMapping>> t : tableFields.entrySet()) {
                String table = t.getKey();
                Map<String, ColumnType> tableColumns = columns.getOrDefault(table, Map.of());
                if (tableColumns.size() > MAX_COLUMNS_PER_TABLE) {
                    problems.add("columns." + table + ": more than " + MAX_COLUMNS_PER_TABLE + " columns");
                }
                String ts = timestamps.getOrDefault(table, defaultTimestamp != null ? defaultTimestamp : "TimeGenerated");
                List<String> analyst = analystColumns.getOrDefault(table, List.of());
                checkFields("tables." + table + ".fields", table, t.getValue(), tableColumns);
                if (!tableColumns.isEmpty()) {
                    for (String column : analyst) {
                        if (!tableColumns.containsKey(column)) {
                            problems.add("tables." + table + ".analyst-columns: '" + column + "' is not a column of " + table);
                        }
                    }
                    if (!tableColumns.containsKey(ts)) {
                        // correlations need a timestamp; without one they are refused, queries still work
                        ts = null;
                    }
                }
                checkEventData("tables." + table + ".event-data", table, eventData.get(table), tableColumns);
                List<EntityMapping> tableEntities = entities.getOrDefault(table, List.of());
                List<String> detection = detectionColumns.get(table);
                if (!tableColumns.isEmpty()) {
                    for (EntityMapping entity : tableEntities) {
                        for (Map.Entry<String, String> id : entity.identifiers().entrySet()) {
                            if (!tableColumns.containsKey(id.getValue())) {
                                problems.add("tables." + table + ".entities." + entity.type() + "." + id.getKey()
                                        + ": '" + id.getValue() + "' is not a column of " + table);
                            }
                        }
                    }
                    for (String column : detection == null ? List.<String>of() : detection) {
                        if (!tableColumns.containsKey(column)) {
                            problems.add("tables." + table + ".detection-columns: '" + column + "' is not a column of " + table);
                        }
                    }
                }
                if (detection == null) {
                    // the target's default: the columns of it that the table has
                    detection = defaultDetectionColumns.stream()
                            .filter(c -> tableColumns.isEmpty() || tableColumns.containsKey(c)).toList();
                }
                tables.put(table, new TableMapping(table, ts, tableColumns, t.getValue(), analyst, eventData.get(table),
                        tableEntities, detection));
            }
            if (!problems.isEmpty()) {
                throw new TargetDefinitionException(problems);
            }
            String desc = description != null ? description : base != null ? base.description() : "";
            return new Target(name, desc, baseName, policy, rules, tables);
        }

        /**
         * One base name, or a list (tables merged, logsource rules in the order given). A user's target may list
         * built-in targets only: they never change, so no stored target depends on another through a list (a copy of
         * the built-in sentinel definition is accepted as it is).
         */
        private List<String> baseNames(Object value) {
            if (value instanceof List<?> list) {
                List<String> names = new ArrayList<>();
                for (Object o : list) {
                    String n = string(o, "base");
                    if (n != null) {
                        names.add(n);
                    }
                }
                if (!allowBaseLists && !TargetRegistry.BUILT_IN_NAMES.containsAll(names)) {
                    problems.add("base: a list of bases may name built-in targets only ("
                            + String.join(", ", TargetRegistry.BUILT_IN_NAMES) + "); extend one target of your own");
                    return List.of();
                }
                return names;
            }
            String single = string(value, "base");
            return single == null ? List.of() : List.of(single);
        }

        /**
         * Every column a field mapping reads (its columns, a split-domain column, the columns of a registry path) must be
         * a column of the table, and a member must be inside a dynamic or JSON text column.
         */
        private void checkFields(String path, String table, Map<String, FieldMapping> fields,
                                 Map<String, ColumnType> columns) {
            if (columns.isEmpty()) {
                return;
            }
            for (Map.Entry<String, FieldMapping> f : fields.entrySet()) {
                List<String> read = new ArrayList<>(f.getValue().columns());
                if (f.getValue() instanceof FieldMapping.Columns c) {
                    for (ColumnTarget ct : c.targets()) {
                        for (ValueTransform vt : ct.transforms()) {
                            if (vt instanceof ValueTransform.SplitDomain sd) {
                                read.add(sd.domainColumn());
                            } else if (vt instanceof ValueTransform.RegistryPath rp) {
                                java.util.stream.Stream.of(rp.valueNameColumn(), rp.previousKeyColumn(),
                                        rp.previousValueNameColumn()).filter(java.util.Objects::nonNull).forEach(read::add);
                            }
                        }
                        if (ct.member() != null && columns.containsKey(ct.column())
                                && columns.get(ct.column()) != ColumnType.DYNAMIC
                                && columns.get(ct.column()) != ColumnType.STRING) {
                            problems.add(path + "." + f.getKey() + ": a member needs a dynamic (or JSON text) column, '"
                                    + ct.column() + "' is not one");
                        }
                    }
                }
                for (String column : new java.util.LinkedHashSet<>(read)) {
                    if (!columns.containsKey(column)) {
                        problems.add(path + "." + f.getKey() + ": '" + column + "' is not a column of " + table);
                    }
                }
            }
        }

        private void checkEventData(String path, String table, EventData data, Map<String, ColumnType> columns) {
            if (data != null && !columns.isEmpty() && columns.get(data.column()) != ColumnType.DYNAMIC
                    && columns.get(data.column()) != ColumnType.STRING) {
                problems.add(path + ": '" + data.column() + "' is not a dynamic (or JSON text) column of " + table);
            }
        }

        private Map<String, FieldMapping> readFields(Map<?, ?> section, String path) {
            Map<String, FieldMapping> fields = new LinkedHashMap<>();
            if (section.size() > MAX_FIELDS_PER_TABLE) {
                problems.add(path + ": more than " + MAX_FIELDS_PER_TABLE + " fields");
            }
            for (Map.Entry<?, ?> f : section.entrySet()) {
                String field = fieldName(f.getKey(), path);
                FieldMapping mapping = readFieldMapping(f.getValue(), path + "." + field);
                if (field != null && mapping != null) {
                    fields.put(field, mapping);
                }
            }
            return fields;
        }

        /**
         * {@code entities: {Host: {HostName: DeviceName}, Account: {Name: AccountName, NTDomain: AccountDomain}}}: per
         * Sentinel entity type, identifier to column (1-3 identifiers, as an analytics rule's entity mapping allows).
         */
        private List<EntityMapping> readEntities(Object value, String path) {
            Map<?, ?> section = map(value, path);
            if (section == null) {
                return List.of();
            }
            if (section.size() > MAX_ENTITIES_PER_TABLE) {
                problems.add(path + ": more than " + MAX_ENTITIES_PER_TABLE + " entities");
                return List.of();
            }
            List<EntityMapping> result = new ArrayList<>();
            for (Map.Entry<?, ?> e : section.entrySet()) {
                String type = string(e.getKey(), path);
                if (type == null) {
                    continue;
                }
                Set<String> known = EntityMapping.KNOWN.get(type);
                if (known == null) {
                    problems.add(path + "." + type + ": not an entity type (one of "
                            + String.join(", ", EntityMapping.KNOWN.keySet()) + ")");
                    continue;
                }
                Map<?, ?> ids = map(e.getValue(), path + "." + type);
                if (ids == null || ids.isEmpty() || ids.size() > 3) {
                    problems.add(path + "." + type + ": expected 1 to 3 identifiers, each naming a column "
                            + "(e.g. {HostName: DeviceName})");
                    continue;
                }
                Map<String, String> identifiers = new LinkedHashMap<>();
                for (Map.Entry<?, ?> id : ids.entrySet()) {
                    String identifier = string(id.getKey(), path + "." + type);
                    String column = columnName(id.getValue(), path + "." + type + "." + identifier);
                    if (identifier != null && !known.contains(identifier)) {
                        problems.add(path + "." + type + "." + identifier + ": not an identifier of " + type + " (one of "
                                + String.join(", ", new java.util.TreeSet<>(known)) + ")");
                    } else if (identifier != null && column != null) {
                        identifiers.put(identifier, column);
                    }
                }
                if (!identifiers.isEmpty()) {
                    result.add(new EntityMapping(type, identifiers));
                }
            }
            return result;
        }

        /** {@code event-data: Column}, or {@code {column: Column, members: [name, ...]}}. */
        private EventData readEventData(Object value, String path) {
            if (value instanceof Map<?, ?> m) {
                unknownKeys(m, EVENT_DATA_KEYS, path + ".");
                String column = columnName(m.get("column"), path + ".column");
                List<String> members = m.get("members") == null ? List.of() : new ArrayList<>();
                if (m.get("members") instanceof List<?> list) {
                    for (Object o : list) {
                        String member = fieldName(o, path + ".members");
                        if (member != null) {
                            members.add(member);
                        }
                    }
                } else if (m.get("members") != null) {
                    problems.add(path + ".members: expected a list of names");
                }
                return column == null ? null : new EventData(column, new java.util.LinkedHashSet<>(members));
            }
            String column = columnName(value, path);
            return column == null ? null : new EventData(column, Set.of());
        }

        private LogSourceRule readLogSourceRule(Object value, String path) {
            Map<?, ?> m = map(value, path);
            if (m == null) {
                return null;
            }
            unknownKeys(m, LOGSOURCE_KEYS, path + ".");
            String table = tableName(m.get("table"), path + ".table");
            if (table == null) {
                problems.add(path + ".table: required");
                return null;
            }
            Map<String, List<String>> require = new LinkedHashMap<>();
            Map<?, ?> requireSection = map(m.get("require"), path + ".require");
            if (requireSection != null) {
                for (Map.Entry<?, ?> e : requireSection.entrySet()) {
                    String column = columnName(e.getKey(), path + ".require");
                    List<String> values = new ArrayList<>();
                    if (e.getValue() instanceof List<?> l) {
                        l.forEach(v -> values.add(String.valueOf(v)));
                    } else if (e.getValue() != null && !(e.getValue() instanceof Map)) {
                        values.add(String.valueOf(e.getValue()));
                    }
                    if (values.isEmpty()) {
                        problems.add(path + ".require." + column + ": expected a value or a list of values");
                    } else if (column != null) {
                        require.put(column, values);
                    }
                }
            }
            Map<?, ?> fieldSection = map(m.get("fields"), path + ".fields");
            Map<String, FieldMapping> fields = fieldSection == null ? Map.of() : readFields(fieldSection, path + ".fields");
            EventData data = m.get("event-data") == null ? null : readEventData(m.get("event-data"), path + ".event-data");
            return new LogSourceRule(lower(string(m.get("category"), path)), lower(string(m.get("product"), path)),
                    lower(string(m.get("service"), path)), table, string(m.get("reason"), path + ".reason"), require,
                    fields, data);
        }

        private FieldMapping readFieldMapping(Object value, String path) {
            if (value instanceof String s) {
                String column = columnName(s, path);
                return column == null ? null : new FieldMapping.Columns(List.of(ColumnTarget.of(column)));
            }
            if (value instanceof List<?> list) {
                if (list.isEmpty()) {
                    problems.add(path + ": the list of columns is empty");
                    return null;
                }
                List<ColumnTarget> targets = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    ColumnTarget t = readColumnTarget(list.get(i), path + "[" + i + "]");
                    if (t != null) {
                        targets.add(t);
                    }
                }
                return targets.size() == list.size() ? new FieldMapping.Columns(targets) : null;
            }
            if (value instanceof Map<?, ?> m) {
                if (m.containsKey("drop")) {
                    String reason = string(m.get("drop"), path + ".drop");
                    return new FieldMapping.Dropped(reason == null ? "dropped by the target" : reason);
                }
                if (m.containsKey("refuse")) {
                    String reason = string(m.get("refuse"), path + ".refuse");
                    return new FieldMapping.Refused(reason == null ? "refused by the target" : reason);
                }
                if (m.containsKey("hashes")) {
                    Map<?, ?> algorithms = map(m.get("hashes"), path + ".hashes");
                    if (algorithms == null) {
                        return null;
                    }
                    Map<String, String> byAlgorithm = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : algorithms.entrySet()) {
                        String algorithm = string(e.getKey(), path + ".hashes");
                        String column = columnName(e.getValue(), path + ".hashes." + algorithm);
                        if (algorithm != null && column != null) {
                            byAlgorithm.put(algorithm.toUpperCase(java.util.Locale.ROOT), column);
                        }
                    }
                    return new FieldMapping.Hashes(byAlgorithm);
                }
                ColumnTarget t = readColumnTarget(m, path);
                return t == null ? null : new FieldMapping.Columns(List.of(t));
            }
            problems.add(path + ": expected a column name, a list of columns, or a map with column/drop/refuse/hashes");
            return null;
        }

        private ColumnTarget readColumnTarget(Object value, String path) {
            if (value instanceof String s) {
                String column = columnName(s, path);
                return column == null ? null : ColumnTarget.of(column);
            }
            Map<?, ?> m = map(value, path);
            if (m == null) {
                return null;
            }
            unknownKeys(m, COLUMN_TARGET_KEYS, path + ".");
            String column = columnName(m.get("column"), path + ".column");
            if (column == null) {
                return null;
            }
            List<ValueTransform> transforms = new ArrayList<>();
            String member = null;
            if (m.get("member") != null) {
                member = fieldName(m.get("member"), path + ".member");
            }
            if (m.get("value-name") != null) {
                String valueName = columnName(m.get("value-name"), path + ".value-name");
                String previousKey = m.get("previous-key") == null ? null
                        : columnName(m.get("previous-key"), path + ".previous-key");
                String previousValue = m.get("previous-value-name") == null ? null
                        : columnName(m.get("previous-value-name"), path + ".previous-value-name");
                if (valueName != null) {
                    transforms.add(new ValueTransform.RegistryPath(valueName, previousKey, previousValue));
                }
            }
            if (Boolean.TRUE.equals(m.get("registry-data"))) {
                transforms.add(new ValueTransform.RegistryData());
            }
            if (m.get("url-part") != null) {
                String part = string(m.get("url-part"), path + ".url-part");
                if (ValueTransform.UrlPart.PATH.equals(part) || ValueTransform.UrlPart.QUERY.equals(part)) {
                    transforms.add(new ValueTransform.UrlPart(part));
                } else {
                    problems.add(path + ".url-part: '" + part + "' is not path or query");
                }
            }
            if (Boolean.TRUE.equals(m.get("basename"))) {
                transforms.add(new ValueTransform.Basename());
            }
            if (m.get("split-domain") != null) {
                String domainColumn = columnName(m.get("split-domain"), path + ".split-domain");
                if (domainColumn != null) {
                    transforms.add(new ValueTransform.SplitDomain(domainColumn));
                }
            }
            if (m.get("map") != null) {
                Map<?, ?> values = map(m.get("map"), path + ".map");
                if (values != null) {
                    Map<String, List<String>> mapped = new LinkedHashMap<>();
                    values.forEach((k, v) -> mapped.put(String.valueOf(k), v instanceof List<?> l
                            ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v))));
                    transforms.add(new ValueTransform.ValueMap(mapped));
                }
            }
            if (m.get("replace-prefix") != null) {
                Map<?, ?> prefixes = map(m.get("replace-prefix"), path + ".replace-prefix");
                if (prefixes != null) {
                    List<ValueTransform.Prefix> list = new ArrayList<>();
                    prefixes.forEach((k, v) -> list.add(new ValueTransform.Prefix(String.valueOf(k), String.valueOf(v))));
                    transforms.add(new ValueTransform.ReplacePrefix(list));
                }
            }
            return new ColumnTarget(column, member, transforms, string(m.get("warning"), path + ".warning"));
        }

        private Map<String, ColumnType> readColumns(Object value, String path) {
            Map<String, ColumnType> result = new LinkedHashMap<>();
            Map<?, ?> m = map(value, path);
            if (m == null) {
                return result;
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String column = columnName(e.getKey(), path);
                String typeText = e.getValue() == null ? null : String.valueOf(e.getValue());
                Optional<ColumnType> type = ColumnType.fromKeyword(typeText);
                if (type.isEmpty()) {
                    problems.add(path + "." + column + ": '" + typeText + "' is not a KQL type "
                            + "(string, int, long, real, decimal, bool, datetime, timespan, guid, dynamic)");
                } else if (column != null) {
                    result.put(column, type.get());
                }
            }
            return result;
        }

        private void unknownKeys(Map<?, ?> m, Set<String> allowed, String prefix) {
            for (Object key : m.keySet()) {
                if (!allowed.contains(String.valueOf(key))) {
                    problems.add(prefix + key + ": unknown key (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
                }
            }
        }

        private String tableName(Object value, String path) {
            return name(value, path, "table");
        }

        private String columnName(Object value, String path) {
            return name(value, path, "column");
        }

        private String fieldName(Object value, String path) {
            if (value == null || String.valueOf(value).isBlank() || String.valueOf(value).length() > 256) {
                problems.add(path + ": a field name must be 1-256 characters");
                return null;
            }
            return String.valueOf(value);
        }

        private String name(Object value, String path, String what) {
            if (!(value instanceof String s) || !KQL_NAME.matcher(s).matches()) {
                problems.add(path + ": '" + value + "' is not a valid " + what
                        + " name (letters, digits, '_', ' ', '.', '$', '-'; 1-256 characters)");
                return null;
            }
            return s;
        }

        private String string(Object value, String path) {
            if (value == null) {
                return null;
            }
            if (value instanceof Map || value instanceof List) {
                problems.add(path + ": expected a text value");
                return null;
            }
            return String.valueOf(value);
        }

        private List<String> stringList(Object value, String path) {
            if (!(value instanceof List<?> list)) {
                problems.add(path + ": expected a list");
                return List.of();
            }
            List<String> result = new ArrayList<>();
            for (Object o : list) {
                String column = columnName(o, path);
                if (column != null) {
                    result.add(column);
                }
            }
            return result;
        }

        private Map<?, ?> map(Object value, String path) {
            if (value == null) {
                return null;
            }
            if (!(value instanceof Map<?, ?> m)) {
                problems.add(path + ": expected a map");
                return null;
            }
            return m;
        }

        private String lower(String s) {
            return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
        }
    }
}
