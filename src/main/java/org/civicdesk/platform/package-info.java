/**
 * Shared building blocks every module may use: money, business time, the error types that become form
 * errors and RFC 9457 problems, and the database and web infrastructure (in {@code internal}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.civicdesk.platform;
