-- Carriers' services with their rate cards (首重 / 续重), so routing can choose the carrier an
-- order ships with by region, weight, amount and cost (domain/routing.choose_carrier), and each
-- order keeps the freight it was estimated at.

CREATE TABLE fulfil.carrier_service (
    id                integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    carrier_id        integer NOT NULL REFERENCES fulfil.carrier ON DELETE CASCADE,
    service           text NOT NULL DEFAULT 'standard' CHECK (service <> ''),
    active            boolean NOT NULL DEFAULT true,
    first_weight_kg   numeric(8,3) NOT NULL DEFAULT 1 CHECK (first_weight_kg > 0),
    first_fee         numeric(14,2) NOT NULL CHECK (first_fee >= 0),
    extra_fee_per_kg  numeric(14,2) NOT NULL DEFAULT 0 CHECK (extra_fee_per_kg >= 0),
    weight_step_kg    numeric(8,3) NOT NULL DEFAULT 1 CHECK (weight_step_kg > 0),
    max_weight_kg     numeric(8,3),
    min_amount        numeric(14,2),
    max_amount        numeric(14,2),
    provinces         text[] NOT NULL DEFAULT '{}',      -- where it delivers; empty: everywhere
    excluded_provinces text[] NOT NULL DEFAULT '{}',
    province_rates    jsonb NOT NULL DEFAULT '{}',       -- {"新疆": {"first_fee": 20, "extra_fee_per_kg": 18}}
    province_surcharges jsonb NOT NULL DEFAULT '{}',     -- {"西藏": 10} (偏远地区附加费)
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    created_by        text NOT NULL DEFAULT current_user,
    updated_by        text NOT NULL DEFAULT current_user,
    UNIQUE (carrier_id, service)
);
SELECT core.track('fulfil.carrier_service', false);

ALTER TABLE sales."order" ADD COLUMN freight_estimate numeric(14,2);

DO $$
DECLARE a text;
BEGIN
    FOR a IN SELECT area FROM core.role_area LOOP
        PERFORM core.grant_to('SELECT', 'fulfil.carrier_service', a);
    END LOOP;
    FOREACH a IN ARRAY ARRAY['sales', 'admin'] LOOP
        PERFORM core.grant_to('INSERT, UPDATE, DELETE', 'fulfil.carrier_service', a);
    END LOOP;
END $$;
