package org.civicdesk.cashiering.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A real servlet container (MockMvc does not apply multipart limits): a 2 MB remittance file reaches the importer,
 * which reads it whole and answers about its content, instead of the container refusing it at 1 MB.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LargeUploadTests {

    @LocalServerPort
    int port;

    @Test
    void aTwoMegabyteRemittanceFileIsReadNotRefusedBySize() throws Exception {
        String batch = "LBBIG" + System.nanoTime();
        StringBuilder csv = new StringBuilder("batch_id,sequence,account_number,amount,payment_date,check_number,scan_line\n");
        int sequence = 0;
        while (csv.length() < 2 * 1024 * 1024 + 1000) {
            sequence++;
            csv.append(batch).append(',').append(sequence).append(",0000000000,1.00,2026-11-02,").append(sequence).append(",\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(file.length).isGreaterThan(2 * 1024 * 1024);
        // the typed control totals are wrong on purpose: the importer must see the whole file to say so, and posts nothing
        String boundary = "----civicdesk" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"expectedCount\"\r\n\r\n1\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"expectedTotal\"\r\n\r\n0.01\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                        .uri(URI.create("http://localhost:" + port + "/api/v1/remittance-files"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                "headcashier:civicdesk-demo".getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains(Integer.toString(sequence)).doesNotContainIgnoringCase("size");
    }
}
