/**
 * What a match means: how a Sigma detection, its values and their modifiers decide whether an event matches. These
 * classes are the definition; they know nothing of how the engine makes evaluation fast (that is
 * {@code io.detectionhub.sigma.evaluation.acceleration}, which wraps them and must give the same answers, as
 * {@code ProbeSearchDifferentialTest} checks over the whole SigmaHQ corpus). The rules behind each choice, with the
 * places where the specification and pySigma differ, are in {@code docs/evaluation.md}.
 *
 * <h2>Glossary</h2>
 * <dl>
 * <dt>event, value</dt>
 * <dd>An event is a set of fields, each with one or more scalar values (an array gives several); field names compare
 * case-insensitively. A value has a text (numbers and booleans in their JSON spelling) or is a JSON null.</dd>
 * <dt>item</dt>
 * <dd>One {@code Field|modifiers: values} entry of a detection, {@link CompiledItem}:
 * its values are OR-ed ({@code all}: AND-ed) and {@code neq} negates it. A <em>keyword</em> item has no field and
 * searches every string value of the event.</dd>
 * <dt>value matcher</dt>
 * <dd>One compiled value of an item with its modifiers applied, {@link ValueMatcher}:
 * one sealed type per kind of value (string pattern, number, boolean, null, exists, regular expression, comparison,
 * time part, network, field reference).</dd>
 * <dt>pattern</dt>
 * <dd>A string value after its modifiers: literal characters, {@code *}, {@code ?} and windash positions,
 * {@link StringPattern}; a value may expand to several (base64offset,
 * placeholders).</dd>
 * <dt>map</dt>
 * <dd>One map of a search identifier: an AND of items. A search identifier that is a list of maps is their OR.</dd>
 * <dt>search identifier</dt>
 * <dd>A named selection of the detection ({@code selection}, {@code filter_main}),
 * {@link CompiledSearch}.</dd>
 * <dt>condition</dt>
 * <dd>The boolean expression over search identifiers, {@link ConditionNode}
 * ({@code 1 of}/{@code all of} become {@code or}/{@code and}).</dd>
 * <dt>route</dt>
 * <dd>The set of rules whose logsource fits an event (by its Windows channel and provider, or by what it says of
 * itself and the upload's hint): a rule only ever sees the events of its route
 * ({@code io.detectionhub.sigma.evaluation.LogSourceRouter}). The acceleration keeps one probe search per route.</dd>
 * </dl>
 * The acceleration adds its own terms, which never change an answer:
 * <dl>
 * <dt>probe</dt>
 * <dd>A lower-cased literal with an anchor (exact, prefix, suffix, contains, or "another numeral") that every value a
 * matcher accepts holds, derived from the matcher's structure.</dd>
 * <dt>gate</dt>
 * <dd>"One of these probes holds in a value of this field" (for a keyword item, in any string value): what an item
 * needs to be able to match.</dd>
 * <dt>unit</dt>
 * <dd>One map, gated by its two most selective gates; it is <em>open</em> in an event when all its gates hold, and
 * <em>triggered</em> (looked at) only by its least likely gate.</dd>
 * <dt>clause</dt>
 * <dd>A set of units of which one must be open for a rule's condition to be true; a rule is evaluated only when each
 * of its (at most two) clauses has an open unit. A rule without clauses is <em>ungated</em>.</dd>
 * <dt>probe search</dt>
 * <dd>The multi-pattern search that finds, field by field, every probe of a route that holds in an event.</dd>
 * </dl>
 *
 * <h2>Where each modifier's meaning lives</h2>
 * <table>
 * <caption>Modifiers and values, and the code that defines them</caption>
 * <tr><th>modifier or value</th><th>meaning</th><th>defined in</th></tr>
 * <tr><td>plain string</td><td>case-insensitive equality; {@code *} any sequence, {@code ?} one character, {@code \}
 * escapes only {@code * ? \}</td><td>{@code SigmaStrings} (parser), {@code StringValueCompiler.compile},
 * {@code StringPattern.matches}</td></tr>
 * <tr><td>{@code contains}, {@code startswith}, {@code endswith}</td><td>{@code *} added around, after, before the
 * value</td><td>{@code StringValueCompiler.wrap}</td></tr>
 * <tr><td>keywords (no field)</td><td>a case-insensitive substring of any string value of the event</td>
 * <td>{@code CompiledItem.values}, {@code StringValueCompiler.compile}</td></tr>
 * <tr><td>{@code cased}</td><td>case-sensitive comparison</td><td>{@code StringPattern} ({@code cased}),
 * {@code Matchers.FieldRefMatch}</td></tr>
 * <tr><td>{@code all}</td><td>every value of the list must match</td><td>{@code CompiledItem.matches}</td></tr>
 * <tr><td>{@code neq}</td><td>the item holds when no value matches (an absent field is different)</td>
 * <td>{@code CompiledItem.matches}</td></tr>
 * <tr><td>{@code exists}</td><td>presence only; a null or empty value is present</td>
 * <td>{@code Matchers.ExistsMatch}</td></tr>
 * <tr><td>{@code null} value</td><td>the field is absent or JSON null</td><td>{@code Matchers.NullMatch}</td></tr>
 * <tr><td>number value</td><td>equal text, or numerically equal numeric text ({@code 4688} = {@code "4688"} =
 * {@code 4.688e3})</td><td>{@code Matchers.NumberMatch}</td></tr>
 * <tr><td>boolean value</td><td>the text {@code true}/{@code false}, any case</td>
 * <td>{@code Matchers.BoolMatch}</td></tr>
 * <tr><td>{@code windash}</td><td>a {@code -} or {@code /} starting a word after a non-word character matches any of
 * {@code - / – — ―}</td><td>{@code StringValueCompiler.windash}, {@code StringPattern} ({@code DASH})</td></tr>
 * <tr><td>{@code re}, {@code i}, {@code m}, {@code s}</td><td>an unanchored RE2 search, case-sensitive unless
 * {@code i}</td><td>{@code ItemCompiler.regex}, {@code Matchers.RegexMatch}</td></tr>
 * <tr><td>{@code base64}</td><td>the value's bytes (UTF-8, or the utf16 encoding before it) in base64</td>
 * <td>{@code StringValueCompiler.base64}</td></tr>
 * <tr><td>{@code base64offset}</td><td>the three base64 forms of the value inside longer base64 text</td>
 * <td>{@code StringValueCompiler.base64Offsets}</td></tr>
 * <tr><td>{@code utf16le}/{@code wide}, {@code utf16be}, {@code utf16}</td><td>the value as UTF-16 bytes (utf16: byte
 * order mark FF FE, little-endian), one character per byte; then base64, or matched as such against text holding
 * those bytes</td><td>{@code StringValueCompiler.encode}</td></tr>
 * <tr><td>{@code lt}, {@code lte}, {@code gt}, {@code gte}</td><td>numbers and numeric strings compared
 * numerically</td><td>{@code Matchers.CompareMatch}</td></tr>
 * <tr><td>{@code minute} .. {@code year}</td><td>the part of the date-time as written ({@code week}: ISO week)</td>
 * <td>{@code Matchers.TimePartMatch}</td></tr>
 * <tr><td>{@code cidr}</td><td>an IPv4 or IPv6 address inside the network</td><td>{@code Matchers.CidrMatch},
 * {@code io.detectionhub.sigma.model.Cidr}</td></tr>
 * <tr><td>{@code fieldref}</td><td>compared with another field of the same event (with {@code contains},
 * {@code startswith}, {@code endswith}, {@code cased}, {@code neq})</td><td>{@code Matchers.FieldRefMatch}</td></tr>
 * <tr><td>{@code expand}</td><td>{@code %placeholder%} replaced by each of its values; unresolved: the rule is left
 * out with a problem</td><td>{@code StringValueCompiler.expandPlaceholders}</td></tr>
 * </table>
 * Which matcher a value becomes, given its modifiers, is decided in one place: {@code ItemCompiler.compileValue}.
 */
package io.detectionhub.sigma.evaluation.match;
