package org.civicdesk.platform.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Daily jobs (service dates now; late fees and collections later). Off in tests, which call jobs directly. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "civicdesk.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {
}
