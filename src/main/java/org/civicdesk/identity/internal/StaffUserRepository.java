package org.civicdesk.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StaffUserRepository implements org.civicdesk.identity.StaffDirectory {

    private final JdbcClient jdbc;

    StaffUserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Credentials(long id, String username, String passwordHash, boolean enabled, boolean mustChangePassword,
            Instant sessionsValidAfter, List<String> roles, List<String> permissions) {
    }

    Optional<Credentials> credentials(String username) {
        return jdbc.sql("""
                select u.id, u.username, u.password_hash, u.enabled, u.must_change_password, u.sessions_valid_after,
                       coalesce(array_agg(distinct r.role) filter (where r.role is not null), '{}') as roles,
                       coalesce(array_agg(distinct p.permission) filter (where p.permission is not null), '{}') as permissions
                  from staff_user u
                  left join staff_user_role r on r.user_id = u.id
                  left join role_permission p on p.role = r.role
                 where lower(u.username) = lower(:username)
                 group by u.id
                """)
                .param("username", username)
                .query((rs, n) -> new Credentials(rs.getLong("id"), rs.getString("username"),
                        rs.getString("password_hash"), rs.getBoolean("enabled"), rs.getBoolean("must_change_password"),
                        instantOrMin(rs.getTimestamp("sessions_valid_after")),
                        Arrays.asList((String[]) rs.getArray("roles").getArray()),
                        Arrays.asList((String[]) rs.getArray("permissions").getArray())))
                .optional();
    }

    record SessionState(boolean enabled, boolean mustChangePassword, Instant sessionsValidAfter) {
    }

    Optional<SessionState> sessionState(String username) {
        return jdbc.sql("select enabled, must_change_password, sessions_valid_after from staff_user where lower(username) = lower(:u)")
                .param("u", username)
                .query((rs, n) -> new SessionState(rs.getBoolean(1), rs.getBoolean(2), instantOrMin(rs.getTimestamp(3))))
                .optional();
    }

    private static Instant instantOrMin(Timestamp ts) {
        // PostgreSQL's -infinity arrives as a very early timestamp
        return ts == null ? Instant.MIN : ts.toInstant();
    }

    Optional<StaffUser> findById(long id) {
        return query("where u.id = :id", "id", id).stream().findFirst();
    }

    Optional<StaffUser> findByUsername(String username) {
        return query("where lower(u.username) = lower(:username)", "username", username).stream().findFirst();
    }

    List<StaffUser> findAll() {
        return query("", null, null);
    }

    private List<StaffUser> query(String where, String param, Object value) {
        var spec = jdbc.sql("""
                select u.id, u.username, u.display_name, u.email, u.enabled, u.must_change_password, u.created_at, u.created_by,
                       coalesce(array_agg(r.role order by r.role) filter (where r.role is not null), '{}') as roles
                  from staff_user u left join staff_user_role r on r.user_id = u.id
                """ + where + " group by u.id order by u.username");
        if (param != null) {
            spec = spec.param(param, value);
        }
        return spec.query((rs, n) -> new StaffUser(rs.getLong("id"), rs.getString("username"),
                rs.getString("display_name"), rs.getString("email"), rs.getBoolean("enabled"),
                rs.getBoolean("must_change_password"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"), new ArrayList<>(Arrays.asList((String[]) rs.getArray("roles").getArray()))))
                .list();
    }

    @Override
    public Optional<String> displayName(String username) {
        return jdbc.sql("select display_name from staff_user where lower(username) = lower(:u)").param("u", username)
                .query(String.class).optional();
    }

    @Override
    public List<Member> holding(org.civicdesk.identity.Permission permission) {
        return jdbc.sql("""
                select distinct u.username, u.display_name from staff_user u
                  join staff_user_role r on r.user_id = u.id join role_permission p on p.role = r.role
                 where u.enabled and p.permission = :p order by u.username""")
                .param("p", permission.name()).query((rs, n) -> new Member(rs.getString(1), rs.getString(2))).list();
    }

    boolean usernameTaken(String username) {
        return jdbc.sql("select count(*) from staff_user where lower(username) = lower(:u)").param("u", username)
                .query(Long.class).single() > 0;
    }

    long insert(String username, String displayName, String email, String passwordHash, boolean mustChange,
            Instant now, String createdBy) {
        return jdbc.sql("""
                insert into staff_user (username, display_name, email, password_hash, must_change_password, created_at, created_by)
                values (:username, :displayName, :email, :hash, :mustChange, :now, :createdBy) returning id
                """)
                .param("username", username).param("displayName", displayName).param("email", email)
                .param("hash", passwordHash).param("mustChange", mustChange)
                .param("now", Timestamp.from(now)).param("createdBy", createdBy)
                .query(Long.class).single();
    }

    void replaceRoles(long userId, List<String> roles) {
        jdbc.sql("delete from staff_user_role where user_id = :id").param("id", userId).update();
        for (String role : roles) {
            jdbc.sql("insert into staff_user_role (user_id, role) values (:id, :role)")
                    .param("id", userId).param("role", role).update();
        }
    }

    void updateProfile(long userId, String displayName, String email) {
        jdbc.sql("update staff_user set display_name = :d, email = :e where id = :id")
                .param("d", displayName).param("e", email).param("id", userId).update();
    }

    void setEnabled(long userId, boolean enabled, Instant now) {
        jdbc.sql("""
                update staff_user set enabled = :enabled,
                       sessions_valid_after = case when :enabled then sessions_valid_after else :now end
                 where id = :id
                """)
                .param("enabled", enabled).param("now", Timestamp.from(now)).param("id", userId).update();
    }

    void setPassword(long userId, String hash, boolean mustChange, Instant sessionsValidAfter) {
        jdbc.sql("""
                update staff_user set password_hash = :hash, must_change_password = :mustChange,
                       sessions_valid_after = :after where id = :id
                """)
                .param("hash", hash).param("mustChange", mustChange)
                .param("after", Timestamp.from(sessionsValidAfter)).param("id", userId).update();
    }

    String passwordHash(long userId) {
        return jdbc.sql("select password_hash from staff_user where id = :id").param("id", userId)
                .query(String.class).single();
    }

    List<RoleRow> roles() {
        return jdbc.sql("""
                select r.code, r.title, coalesce(array_agg(p.permission order by p.permission)
                       filter (where p.permission is not null), '{}') as permissions
                  from staff_role r left join role_permission p on p.role = r.code
                 group by r.code, r.title order by r.title
                """)
                .query((rs, n) -> new RoleRow(rs.getString(1), rs.getString(2),
                        Arrays.asList((String[]) rs.getArray(3).getArray())))
                .list();
    }

    record RoleRow(String code, String title, List<String> permissions) {
    }
}
