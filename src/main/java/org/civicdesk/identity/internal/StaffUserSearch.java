package org.civicdesk.identity.internal;

import java.util.List;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.SearchProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Staff users in the global search, for administrators only. */
@Component
class StaffUserSearch implements SearchProvider {

    private final JdbcClient jdbc;

    StaffUserSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String category() {
        return "Staff users";
    }

    @Override
    public List<SearchHit> search(String query, int limit) {
        if (!CurrentStaff.has(Permission.USERS_ADMIN)) {
            return List.of();
        }
        String like = "%" + query.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                select id, username, display_name from staff_user
                 where lower(username) like :q or lower(display_name) like :q order by username limit :limit
                """)
                .param("q", like).param("limit", limit)
                .query((rs, n) -> new SearchHit(rs.getString("display_name") + " (" + rs.getString("username") + ")",
                        "staff user", "/admin/users/" + rs.getLong("id")))
                .list();
    }
}
