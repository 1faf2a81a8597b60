-- Coaches recorded before Kindred had in-app training were trained outside it (as ECLIPSE's were, with
-- a signed agreement on paper). The pairing rules now require both milestones, so existing coaches
-- are recorded as trained when they were added; volunteers who apply from now on train in Kindred.
UPDATE "coaches" SET "trained_at" = "created_at", "agreement_signed_at" = "created_at" WHERE "trained_at" IS NULL;
