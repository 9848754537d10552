package org.civicdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/** CivicDesk: customer service and revenue for a city. Each direct subpackage is one business capability. */
@Modulithic(systemName = "CivicDesk", sharedModules = "platform")
@SpringBootApplication
public class CivicDeskApplication {

    public static void main(String[] args) {
        SpringApplication.run(CivicDeskApplication.class, args);
    }
}
