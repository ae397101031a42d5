package my.benteng.premises;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import my.benteng.testing.ApiClient;
import my.benteng.testing.PremisesFixture;
import my.benteng.testing.SqliteIntegrationTest;
import my.benteng.testing.TestVerificationTokens;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.Map;

import static my.benteng.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The owner's A4 posters: their QR codes decode back to the premises' current check-in URL. */
@SqliteIntegrationTest
class PremisesPosterSqliteIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    TestVerificationTokens tokens;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    PremisesFixture fixture;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        fixture = new PremisesFixture(api, tokens);
    }

    /** As a phone's scanner would: the local binarizer first, then the global one (a page of text can fool either). */
    static String decode(BufferedImage image) throws Exception {
        BufferedImageLuminanceSource source = new BufferedImageLuminanceSource(image);
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (com.google.zxing.NotFoundException e) {
            return new QRCodeReader().decode(new BinaryBitmap(new com.google.zxing.common.GlobalHistogramBinarizer(source)),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        }
    }

    /** The PDF's first page rendered at 150 dpi, or at 300 dpi when that does not decode. */
    static String decode(PDDocument pdf) throws Exception {
        try {
            return decode(new PDFRenderer(pdf).renderImageWithDPI(0, 150, ImageType.GRAY));
        } catch (com.google.zxing.NotFoundException e) {
            return decode(new PDFRenderer(pdf).renderImageWithDPI(0, 300, ImageType.GRAY));
        }
    }

    @Test
    void thePngPosterIsA4AndItsQrDecodesToTheCheckinUrl() throws Exception {
        PremisesFixture.Registered p = fixture.register("Restoran Nasi Kandar Pelita (Jalan Ampang)");
        HttpResponse<byte[]> r = api.getBytes("/api/v1/premises/" + p.premisesId() + "/poster.png", p.ownerSession());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(r.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat((double) image.getHeight() / image.getWidth()).isCloseTo(297.0 / 210.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(decode(image)).isEqualTo(p.qrUrl());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'sensitive_read' AND subject = :s")
                .param("s", "premises:" + p.premisesId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void thePdfPosterOpensAndItsQrDecodesToTheCurrentUrlAfterReissue() throws Exception {
        PremisesFixture.Registered p = fixture.register("Kedai Buku Popular");
        String current = json(api.post("/api/v1/premises/" + p.premisesId() + "/qr", "", p.ownerSession())).path("qrUrl").asString();
        HttpResponse<byte[]> r = api.getBytes("/api/v1/premises/" + p.premisesId() + "/poster.pdf", p.ownerSession());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(r.body())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            assertThat(pdf.getPage(0).getMediaBox().getWidth()).isCloseTo(595.3f, org.assertj.core.data.Offset.offset(1f));
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Kedai Buku Popular").contains("Imbas untuk daftar masuk").contains("Scan to check in");
            assertThat(decode(pdf)).isEqualTo(current).isNotEqualTo(p.qrUrl());
        }
    }

    @Test
    void aNameOutsideLatinStillGivesAPdfWhoseCodeDecodes() throws Exception {
        PremisesFixture.Registered p = fixture.register("好运来茶餐室 Ho Wan Loi");
        HttpResponse<byte[]> r = api.getBytes("/api/v1/premises/" + p.premisesId() + "/poster.pdf", p.ownerSession());
        assertThat(r.statusCode()).isEqualTo(200);
        try (PDDocument pdf = Loader.loadPDF(r.body())) {
            assertThat(decode(pdf)).isEqualTo(p.qrUrl());
        }
    }

    @Test
    void onlyTheOwnerGetsThePoster() {
        PremisesFixture.Registered p = fixture.register("Kedai Emas Habib");
        PremisesFixture.Registered other = fixture.register("Kedai Emas Lain");
        HttpResponse<String> stranger = api.get("/api/v1/premises/" + p.premisesId() + "/poster.pdf", other.ownerSession());
        ApiClient.assertProblem(stranger, 404, "not-found");
        assertThat(api.get("/api/v1/premises/" + p.premisesId() + "/poster.png", null).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/premises/" + p.premisesId() + "/poster.gif", p.ownerSession()).statusCode()).isEqualTo(404);
    }
}
