package org.civicdesk.billing.internal.run;

import org.civicdesk.CivicDeskApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second CivicDesk process for the restart test: starts the application against the database URL given,
 * then bills chunks of running runs slowly (a pause after each) until it is killed.
 */
public final class BillRunInstanceMain {

    private BillRunInstanceMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CivicDeskApplication.class,
                BillingTestConfiguration.class)
                .profiles("test")
                .web(WebApplicationType.NONE)
                .properties("spring.datasource.url=" + args[0], "spring.datasource.username=postgres",
                        "civicdesk.billing.run.instance-name=" + args[1], "civicdesk.billing.run.poll-every=PT1H",
                        "civicdesk.billing.run.poll-first-after=PT1H", "spring.jmx.enabled=false")
                .run();
        BillRunWorker worker = context.getBean(BillRunWorker.class);
        System.out.println("READY");
        System.out.flush();
        while (true) {
            if (worker.runOneChunk()) {
                System.out.println("CHUNK");
                System.out.flush();
            }
            Thread.sleep(300);
        }
    }
}
