package my.benteng.forensics.internal.pdq;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VariableRegionTest {

    @Test
    void thePartsArePlacedSideBySideAtTheCardsResolution() {
        BufferedImage card = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                card.setRGB(x, y, x < 100 ? Color.RED.getRGB() : Color.BLUE.getRGB());
            }
        }
        VariableRegion region = new VariableRegion(List.of(new Rectangle2D.Double(0.75, 0.1, 0.2, 0.8), new Rectangle2D.Double(0.1, 0.5, 0.3, 0.4)));
        BufferedImage out = region.extract(card);
        assertThat(out.getWidth()).isEqualTo(40 + 60);
        assertThat(out.getHeight()).isEqualTo(80);
        assertThat(out.getRGB(0, 0)).isEqualTo(Color.BLUE.getRGB());   // the first part, from the right half
        assertThat(out.getRGB(40, 0)).isEqualTo(Color.RED.getRGB());   // the second, from the left half
        assertThat(out.getRGB(40, 79)).isEqualTo(Color.WHITE.getRGB()); // below the shorter part
    }

    @Test
    void partsOutsideTheCardOrNoPartsAreRefused() {
        assertThatThrownBy(() -> new VariableRegion(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VariableRegion(List.of(new Rectangle2D.Double(0.9, 0, 0.2, 0.5)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VariableRegion(List.of(new Rectangle2D.Double(0, 0, 0, 0.5)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VariableRegion(List.of(new Rectangle2D.Double(Double.NaN, 0, 0.5, 0.5)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTinyCardStillYieldsAPixelPerPart() {
        BufferedImage out = new VariableRegion(List.of(new Rectangle2D.Double(0.99, 0.99, 0.01, 0.01))).extract(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB));
        assertThat(out.getWidth()).isEqualTo(1);
        assertThat(out.getHeight()).isEqualTo(1);
    }
}
