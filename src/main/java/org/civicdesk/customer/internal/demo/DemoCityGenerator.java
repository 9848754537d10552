package org.civicdesk.customer.internal.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.civicdesk.customer.AccountNumber;

/**
 * Writes a demo city as PostgreSQL COPY text, one stream per table, from a seed alone: the same plan and
 * the same first identifiers give the same bytes. Free of Spring and of the database.
 *
 * <p>The city is laid out on streets: each street has a zip code, a billing cycle and route, and says
 * whether the city's electric system (downtown only) and gas mains reach it. Lots along a street hold a
 * house, a shop, a mobile home park or an apartment building with units. Most premises have a current
 * account; a few also have the previous occupant's closed account, and some buildings have a landlord.
 */
public final class DemoCityGenerator {

    /** The tables a city fills, in loading order, with the columns the COPY text carries. */
    public enum Table {
        CUSTOMER("customer", "id, kind, first_name, last_name, business_name, display_name, preferred_language, "
                + "mailing_line1, mailing_line2, mailing_city, mailing_state, mailing_zip, created_at, created_by"),
        PREMISE("premise", "id, address_line1, unit, city, state, zip, premise_type, parcel, billing_cycle, route, "
                + "services_available, created_at"),
        PREMISE_OWNER("premise_owner", "premise_id, customer_id, role, since"),
        ACCOUNT("account", "id, account_number, customer_id, account_class, status, mailing_line1, mailing_line2, "
                + "mailing_city, mailing_state, mailing_zip, bill_due_day, paperless, language, opened_on, closed_on, "
                + "created_at, created_by"),
        CUSTOMER_PHONE("customer_phone", "customer_id, kind, digits, is_primary"),
        CUSTOMER_EMAIL("customer_email", "customer_id, address, is_primary"),
        SERVICE_AGREEMENT("service_agreement", "account_id, premise_id, service_type, rate_schedule, start_date, "
                + "end_date, status, final_bill_requested, converted, created_at, created_by");

        public final String table;
        public final String columns;

        Table(String table, String columns) {
            this.table = table;
            this.columns = columns;
        }

        public String copySql() {
            return "copy " + table + " (" + columns + ") from stdin";
        }
    }

    /** The first identifiers reserved for the city (identity values and the account number sequence). */
    public record FirstIds(long customerId, long premiseId, long accountId, long accountSequence) {
    }

    /** How many rows of each kind were written. */
    public record Counts(int customers, int premises, int accounts, int closedAccounts, int agreements,
            int phones, int emails, int owners, Map<String, Integer> agreementsByService,
            int commercialPremises, int spanishSpeakers) {
    }

    static final String CREATED_BY = "system:demo-city";
    private static final String CITY = "Mesa";
    private static final String STATE = "AZ";

    private final DemoCityPlan plan;
    private final FirstIds ids;
    private final Map<Table, Appendable> out;
    private final List<Street> streets;
    private final int lotsPerStreetStep;

    private long nextCustomerId;
    private long nextPremiseId;
    private long nextAccountId;
    private long nextAccountSequence;
    private Long landlordId;
    private int customers;
    private int premises;
    private int accounts;
    private int closedAccounts;
    private int agreements;
    private int phones;
    private int emails;
    private int owners;
    private int commercialPremises;
    private int spanishSpeakers;
    private final Map<String, Integer> byService = new java.util.TreeMap<>();

    private DemoCityGenerator(DemoCityPlan plan, FirstIds ids, Map<Table, Appendable> out) {
        this.plan = plan;
        this.ids = ids;
        this.out = out;
        int lotsNeeded = Math.max(1, (int) (plan.accounts() / 1.35));
        List<String[]> combos = new ArrayList<>();
        for (String name : MesaWords.STREETS) {
            for (String type : MesaWords.STREET_TYPES) {
                for (String direction : MesaWords.DIRECTIONS) {
                    combos.add(new String[] {direction, name, type});
                }
            }
        }
        SplittableRandom layout = new SplittableRandom(plan.seed());
        for (int i = combos.size() - 1; i > 0; i--) {
            int j = layout.nextInt(i + 1);
            String[] t = combos.get(i);
            combos.set(i, combos.get(j));
            combos.set(j, t);
        }
        int streetCount = Math.min(combos.size(), Math.max(12, lotsNeeded / 60));
        this.lotsPerStreetStep = streetCount;
        int perStreet = lotsNeeded / streetCount + 1;
        this.streets = new ArrayList<>(streetCount);
        for (int s = 0; s < streetCount; s++) {
            String[] c = combos.get(s);
            String name = plan.tag() == null ? c[1] : c[1] + " " + plan.tag();
            streets.add(Street.lay(c[0] + " " + name + " " + c[2], s, perStreet, layout));
        }
        this.nextCustomerId = ids.customerId();
        this.nextPremiseId = ids.premiseId();
        this.nextAccountId = ids.accountId();
        this.nextAccountSequence = ids.accountSequence();
    }

    /** Writes the city planned into the given streams (one per table) and says how many rows each got. */
    public static Counts generate(DemoCityPlan plan, FirstIds ids, Map<Table, Appendable> out) {
        DemoCityGenerator g = new DemoCityGenerator(plan, ids, out);
        g.run();
        return new Counts(g.customers, g.premises, g.accounts, g.closedAccounts, g.agreements, g.phones, g.emails,
                g.owners, Map.copyOf(g.byService), g.commercialPremises, g.spanishSpeakers);
    }

    /** Streams for every table that collect into memory (small cities, tests). */
    public static Map<Table, Appendable> inMemory() {
        Map<Table, Appendable> m = new EnumMap<>(Table.class);
        for (Table t : Table.values()) {
            m.put(t, new StringBuilder());
        }
        return m;
    }

    record Street(String name, String zip, boolean downtown, boolean gasMains, boolean irrigationDistrict,
            int cycle, int firstNumber, int step, String parcelBook) {

        static Street lay(String name, int index, int lots, SplittableRandom r) {
            boolean downtown = r.nextDouble() < 0.08;
            String zip = downtown ? pick(MesaWords.DOWNTOWN_ZIPS, r) : pick(MesaWords.ZIPS, r);
            boolean gas = downtown ? r.nextDouble() < 0.7
                    : MesaWords.GAS_ZIPS.contains(zip) ? r.nextDouble() < 0.82 : r.nextDouble() < 0.05;
            boolean irrigation = !downtown && r.nextDouble() < 0.12;
            int maxStep = Math.max(2, Math.min(40, 9000 / Math.max(1, lots)));
            int step = 2 * (1 + r.nextInt(Math.max(1, maxStep / 2)));
            return new Street(name, zip, downtown, gas, irrigation, 1 + index % 20, 100 + 2 * r.nextInt(450), step,
                    String.format("%03d", 100 + r.nextInt(120)));
        }
    }

    private void run() {
        for (long lot = 0; accounts < plan.accounts(); lot++) {
            Street street = streets.get((int) (lot % lotsPerStreetStep));
            long along = lot / lotsPerStreetStep;
            SplittableRandom r = new SplittableRandom(plan.seed() * 0x9E3779B97F4A7C15L + lot * 0xBF58476D1CE4E5B9L);
            int house = (int) (street.firstNumber() + along * street.step());
            String line1 = house + " " + street.name();
            String parcel = street.parcelBook() + "-" + String.format("%02d", (int) (along / 40) % 100) + "-"
                    + String.format("%03d", (int) (along % 1000)) + (char) ('A' + r.nextInt(6));
            double kind = r.nextDouble();
            if (kind < 0.78) {
                premise(r, street, line1, null, "SINGLE_FAMILY", parcel, false);
            } else if (kind < 0.87) {
                boolean suite = r.nextDouble() < 0.3;
                premise(r, street, line1, suite ? "Ste " + (100 + r.nextInt(20) * 5) : null, "COMMERCIAL", parcel, true);
            } else if (kind < 0.885) {
                premise(r, street, line1, null, "MOBILE_HOME_PARK", parcel, true);
            } else {
                int units = 2 + r.nextInt(11);
                boolean lettered = units <= 4 && r.nextBoolean();
                Long owner = landlordId != null && r.nextDouble() < 0.7 ? landlordId : null;
                for (int u = 1; u <= units && accounts < plan.accounts(); u++) {
                    String unit = lettered ? "Unit " + (char) ('A' + u - 1) : "Apt " + (100 * (1 + (u - 1) / 8) + (u - 1) % 8 + 1);
                    long premiseId = premise(r, street, line1, unit, "MULTI_UNIT", parcel, false);
                    if (owner != null) {
                        row(Table.PREMISE_OWNER, premiseId, owner, r.nextDouble() < 0.8 ? "LANDLORD" : "PROPERTY_MANAGER",
                                plan.asOf().minusDays(400 + r.nextInt(5000)));
                        owners++;
                    }
                }
            }
        }
    }

    /** One premise with its current account (and now and then the previous occupant's closed one). */
    private long premise(SplittableRandom r, Street street, String line1, String unit, String type, String parcel,
            boolean business) {
        long premiseId = nextPremiseId++;
        premises++;
        if (business) {
            commercialPremises++;
        }
        List<String> services = new ArrayList<>();
        if (street.downtown()) {
            services.add("ELECTRIC");
        }
        if (street.gasMains() && r.nextDouble() < 0.9) {
            services.add("GAS");
        }
        boolean water = r.nextDouble() < 0.985;
        if (water) {
            services.add("WATER");
            if (r.nextDouble() < 0.97) {
                services.add("WASTEWATER");
            }
        }
        if (r.nextDouble() < (business ? 0.75 : 0.97)) {
            services.add("SOLID_WASTE");
        }
        if (street.irrigationDistrict() && "SINGLE_FAMILY".equals(type) && r.nextDouble() < 0.6) {
            services.add("IRRIGATION");
        }
        if (services.isEmpty()) {
            services.add("WATER");
        }
        int cycle = street.cycle();
        String route = String.format("%02d-%03d", cycle, 1 + (int) (Math.abs(parcel.hashCode()) % 60));
        LocalDate built = plan.asOf().minusDays(3650 + r.nextInt(15000));
        row(Table.PREMISE, premiseId, line1, unit, CITY, STATE, street.zip(), type, parcel, cycle, route,
                new PgArray(services), timestamp(built));

        boolean vacant = r.nextDouble() < 0.02;
        if (vacant) {
            return premiseId;
        }
        LocalDate movedIn = plan.asOf().minusDays(r.nextInt(15 * 365));
        boolean hadPrevious = r.nextDouble() < 0.05 && accounts + 2 <= plan.accounts();
        if (hadPrevious) {
            LocalDate previousIn = movedIn.minusDays(200 + r.nextInt(6 * 365));
            long customerId = customer(r, business, street, line1, unit, type);
            account(r, customerId, premiseId, business, services, previousIn, movedIn, street, line1, unit);
        }
        long customerId = customer(r, business, street, line1, unit, type);
        account(r, customerId, premiseId, business, services, movedIn, null, street, line1, unit);
        if ("SINGLE_FAMILY".equals(type) && r.nextDouble() < 0.1) {
            row(Table.PREMISE_OWNER, premiseId, customerId, "OWNER", movedIn);
            owners++;
        }
        return premiseId;
    }

    private String lastMailing1;
    private String lastMailing2;
    private String lastMailingZip;
    private String lastLanguage;

    private long customer(SplittableRandom r, boolean business, Street street, String line1, String unit, String type) {
        long id = nextCustomerId++;
        customers++;
        String first = null;
        String last = null;
        String businessName = null;
        String display;
        String language = "en";
        String emailLocal;
        if (business) {
            boolean property = r.nextDouble() < 0.15 && "COMMERCIAL".equals(type);
            String head = pick(MesaWords.BUSINESS_FIRST, r);
            String kind = "MOBILE_HOME_PARK".equals(type) ? "Mobile Home Park"
                    : property ? pick(MesaWords.PROPERTY_KIND, r) : pick(MesaWords.BUSINESS_KIND, r);
            String suffix = pick(MesaWords.BUSINESS_SUFFIX, r);
            businessName = head + " " + kind + (suffix.isEmpty() ? "" : " " + suffix);
            display = businessName;
            emailLocal = "office." + ascii(head + kind).replace(" ", "") + (id - ids.customerId());
            if (property) {
                landlordId = id;
            }
        } else {
            boolean hispanic = r.nextDouble() < 0.42;
            first = hispanic ? pick(MesaWords.HISPANIC_FIRST, r) : pick(MesaWords.ENGLISH_FIRST, r);
            double mixed = r.nextDouble();
            last = hispanic == (mixed < 0.9) ? pick(MesaWords.HISPANIC_LAST, r) : pick(MesaWords.ENGLISH_LAST, r);
            display = first + " " + last;
            if (hispanic && r.nextDouble() < 0.72) {
                language = "es";
                spanishSpeakers++;
            }
            emailLocal = ascii(first) + "." + ascii(last).replace(" ", "") + (id - ids.customerId());
        }
        boolean ownAddress = r.nextDouble() < 0.92;
        String mailing1 = ownAddress ? line1 : "PO Box " + (1000 + r.nextInt(40000));
        String mailing2 = ownAddress ? unit : null;
        String mailingZip = ownAddress ? street.zip() : pick(MesaWords.PO_BOX_ZIPS, r);
        row(Table.CUSTOMER, id, business ? "BUSINESS" : "PERSON", first, last, businessName, display, language,
                mailing1, mailing2, CITY, STATE, mailingZip, timestamp(plan.asOf().minusDays(r.nextInt(20 * 365))),
                CREATED_BY);
        lastMailing1 = mailing1;
        lastMailing2 = mailing2;
        lastMailingZip = mailingZip;
        lastLanguage = language;
        if (r.nextDouble() < (business ? 0.95 : 0.88)) {
            row(Table.CUSTOMER_PHONE, id, business ? "WORK" : "MOBILE", phone(r), true);
            phones++;
            if (!business && r.nextDouble() < 0.2) {
                row(Table.CUSTOMER_PHONE, id, "HOME", phone(r), false);
                phones++;
            }
        }
        if (r.nextDouble() < (business ? 0.8 : 0.65)) {
            String domain = plan.tag() == null ? pick(MesaWords.EMAIL_DOMAINS, r)
                    : plan.tag().toLowerCase(Locale.ROOT) + ".example.com";
            row(Table.CUSTOMER_EMAIL, id, emailLocal + "@" + domain, true);
            emails++;
        }
        return id;
    }

    private void account(SplittableRandom r, long customerId, long premiseId, boolean business, List<String> services,
            LocalDate opened, LocalDate closed, Street street, String line1, String unit) {
        long id = nextAccountId++;
        accounts++;
        if (closed != null) {
            closedAccounts++;
        }
        String number = AccountNumber.fromSequence(nextAccountSequence++).value();
        Integer dueDay = r.nextDouble() < 0.1 ? 1 + r.nextInt(28) : null;
        row(Table.ACCOUNT, id, number, customerId, business ? "COMMERCIAL" : "RESIDENTIAL",
                closed == null ? "ACTIVE" : "CLOSED", lastMailing1, lastMailing2, CITY, STATE, lastMailingZip, dueDay,
                r.nextDouble() < 0.25, lastLanguage, opened, closed, timestamp(opened), CREATED_BY);
        for (String service : services) {
            if ("IRRIGATION".equals(service) && r.nextDouble() < 0.3) {
                continue;
            }
            // converted: an earlier system billed the demo city before its months of history here
            row(Table.SERVICE_AGREEMENT, id, premiseId, service, rate(service, business), opened, closed,
                    closed == null ? "ACTIVE" : "STOPPED", closed != null, true, timestamp(opened), CREATED_BY);
            agreements++;
            byService.merge(service, 1, Integer::sum);
        }
    }

    /** The schedule a real start would choose (tariffs.md codes), so demo agreements look like counter-made ones. */
    static String rate(String service, boolean business) {
        return org.civicdesk.customer.internal.accounts.ServiceCatalog.valueOf(service).rateSchedule(business);
    }

    private static String phone(SplittableRandom r) {
        return (r.nextDouble() < 0.75 ? "480" : "602") + (2 + r.nextInt(8)) + String.format("%06d", r.nextInt(1_000_000));
    }

    private static String timestamp(LocalDate day) {
        return day + " 08:00:00-07";
    }

    static <T> T pick(List<T> list, SplittableRandom r) {
        return list.get(r.nextInt(list.size()));
    }

    /** Lower-case ASCII for e-mail addresses: accents dropped. */
    static String ascii(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9 ]", "");
    }

    /** A text[] value in COPY text form. */
    record PgArray(List<String> values) {
        @Override
        public String toString() {
            return "{" + String.join(",", values) + "}";
        }
    }

    private final StringBuilder line = new StringBuilder(256);

    private void row(Table table, Object... values) {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            Object v = values[i];
            if (v instanceof Boolean b) {
                line.append(b ? 't' : 'f');
            } else {
                org.civicdesk.platform.CopyText.appendField(line, v);
            }
        }
        line.append('\n');
        try {
            out.get(table).append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
