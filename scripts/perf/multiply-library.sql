-- Multiplies the rule library for timing runs: every rule that is not already a copy is stored again, five times,
-- under new ids (<id>-c1 ... <id>-c5; the id inside its YAML too), with its tags, ATT&CK mapping and enrichment.
-- The SigmaHQ corpus (3,777 rules) becomes 22,662. Portable SQL (H2 and PostgreSQL). Run it on a stopped
-- instance's database (see docs/performance.md); it bumps the library version so that every cache rebuilds.

INSERT INTO sigma_rule (id, yaml, kind, name, title, description, status, level, level_rank, product, category, service,
                        author, rule_date, modified, search_text, created_at, updated_at, version, created_by, updated_by)
SELECT id || '-c1', REPLACE(yaml, id, id || '-c1'), kind, name, title, description, status, level, level_rank, product,
       category, service, author, rule_date, modified, search_text, created_at, updated_at, 0, created_by, updated_by
FROM sigma_rule WHERE id NOT LIKE '%-c_';
INSERT INTO rule_tag (rule_id, position, tag)
SELECT rule_id || '-c1', position, tag FROM rule_tag WHERE rule_id NOT LIKE '%-c_';
INSERT INTO rule_tactic (rule_id, tactic)
SELECT rule_id || '-c1', tactic FROM rule_tactic WHERE rule_id NOT LIKE '%-c_';
INSERT INTO rule_technique (rule_id, technique_id)
SELECT rule_id || '-c1', technique_id FROM rule_technique WHERE rule_id NOT LIKE '%-c_';
INSERT INTO rule_enrichment (rule_id, content, atomic_test_count, updated_at)
SELECT rule_id || '-c1', content, atomic_test_count, updated_at FROM rule_enrichment WHERE rule_id NOT LIKE '%-c_';

INSERT INTO sigma_rule (id, yaml, kind, name, title, description, status, level, level_rank, product, category, service,
                        author, rule_date, modified, search_text, created_at, updated_at, version, created_by, updated_by)
SELECT id || '-c2', REPLACE(yaml, id, id || '-c2'), kind, name, title, description, status, level, level_rank, product,
       category, service, author, rule_date, modified, search_text, created_at, updated_at, 0, created_by, updated_by
FROM sigma_rule WHERE id NOT LIKE '%-c_';
INSERT INTO rule_tag (rule_id, position, tag)
SELECT rule_id || '-c2', position, tag FROM rule_tag WHERE rule_id NOT LIKE '%-c_';
INSERT INTO rule_tactic (rule_id, tactic)
SELECT rule_id || '-c2', tactic FROM rule_tactic WHERE rule_id NOT LIKE '%-c_';
INSERT INTO rule_technique (rule_id, technique_id)
SELECT rule_id || '-c2', technique_id FROM rule_technique WHERE rule_id NOT LIKE '%-c_';
INSERT INTO rule_enrichment (rule_id, content, atomic_test_count, updated_at)
SELECT rule_id || '-c2', content, atomic_test_count, updated_at FROM rule_enrichment WHERE rule_id NOT LIKE '%-c_';

INSERT INTO sigma_rule (id, yaml, kind, name, title, description, status, level, level_rank, product, category, service,
                        author, rule_date, modified, search_text, created_at, updated_at, version, created_by, updated_by)
SELECT id || '-c3', REPLACE(yaml, id, id || '-c3'), kind, name, title, description, status, level, level_rank, product,
       category, service, author, rule_date, modified, search_text, created_at, updated_at, 0, created_by, updated_by
FROM sigma_rule WHERE id NOT LIKE '%-c_';
INSERT INTO rule_tag (rule_id, position, tag)
SELECT rule_id || '-c3', position, tag FROM rule_tag WHERE rule_id NOT LIKE '%-c_';
INSERT INTO rule_tactic (rule_id, tactic)
SELECT rule_id || '-c3', tactic FROM rule_tactic WHERE rule_id NOT LIKE '%-c_';
INSERT INTO rule_technique (rule_id, technique_id)
SELECT rule_id || '-c3', technique_id FROM rule_technique WHERE rule_id NOT LIKE '%-c_';
INSERT INTO rule_enrichment (rule_id, content, atomic_test_count, updated_at)
SELECT rule_id || '-c3', content, atomic_test_count, updated_at FROM rule_enrichment WHERE rule_id NOT LIKE '%-c_';

INSERT INTO sigma_rule (id, yaml, kind, name, title, description, status, level, level_rank, product, category, service,
                        author, rule_date, modified, search_text, created_at, updated_at, version, created_by, updated_by)
SELECT id || '-c4', REPLACE(yaml, id, id || '-c4'), kind, name, title, description, status, level, level_rank, product,
       category, service, author, rule_date, modified, search_text, created_at, updated_at, 0, created_by, updated_by
FROM sigma_rule WHERE id NOT LIKE '%-c_';
INSERT INTO rule_tag (rule_id, position, tag)
SELECT rule_id || '-c4', position, tag FROM rule_tag WHERE rule_id NOT LIKE '%-c_';
INSERT INTO rule_tactic (rule_id, tactic)
SELECT rule_id || '-c4', tactic FROM rule_tactic WHERE rule_id NOT LIKE '%-c_';
INSERT INTO rule_technique (rule_id, technique_id)
SELECT rule_id || '-c4', technique_id FROM rule_technique WHERE rule_id NOT LIKE '%-c_';
INSERT INTO rule_enrichment (rule_id, content, atomic_test_count, updated_at)
SELECT rule_id || '-c4', content, atomic_test_count, updated_at FROM rule_enrichment WHERE rule_id NOT LIKE '%-c_';

INSERT INTO sigma_rule (id, yaml, kind, name, title, description, status, level, level_rank, product, category, service,
                        author, rule_date, modified, search_text, created_at, updated_at, version, created_by, updated_by)
SELECT id || '-c5', REPLACE(yaml, id, id || '-c5'), kind, name, title, description, status, level, level_rank, product,
       category, service, author, rule_date, modified, search_text, created_at, updated_at, 0, created_by, updated_by
FROM sigma_rule WHERE id NOT LIKE '%-c_';
INSERT INTO rule_tag (rule_id, position, tag)
SELECT rule_id || '-c5', position, tag FROM rule_tag WHERE rule_id NOT LIKE '%-c_';
INSERT INTO rule_tactic (rule_id, tactic)
SELECT rule_id || '-c5', tactic FROM rule_tactic WHERE rule_id NOT LIKE '%-c_';
INSERT INTO rule_technique (rule_id, technique_id)
SELECT rule_id || '-c5', technique_id FROM rule_technique WHERE rule_id NOT LIKE '%-c_';
INSERT INTO rule_enrichment (rule_id, content, atomic_test_count, updated_at)
SELECT rule_id || '-c5', content, atomic_test_count, updated_at FROM rule_enrichment WHERE rule_id NOT LIKE '%-c_';

UPDATE library_state SET version = version + 1 WHERE id = 1;
