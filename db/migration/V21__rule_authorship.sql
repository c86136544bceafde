-- Who created a rule and who changed it last (the signed-in principal, set by Spring Data JPA auditing; null for
-- rules written before sign-in existed or by the application itself). Shown when an edit finds that someone else
-- changed the rule meanwhile.
ALTER TABLE sigma_rule ADD COLUMN created_by VARCHAR(200);
ALTER TABLE sigma_rule ADD COLUMN updated_by VARCHAR(200);
