// deck.gl drawn over the maplibre map through MapboxOverlay (its own canvas above the map's, kept in step with
// the map's camera). The overlay is handed to the parent for picking on clicks.
import { MapboxOverlay, type MapboxOverlayProps } from '@deck.gl/mapbox';
import { useEffect } from 'react';
import { useControl } from 'react-map-gl/maplibre';

export function DeckOverlay({ onOverlay, ...props }: MapboxOverlayProps & { onOverlay?: (overlay: MapboxOverlay | null) => void }) {
  const overlay = useControl<MapboxOverlay>(() => new MapboxOverlay({ ...props, interleaved: false }));
  overlay.setProps(props);
  useEffect(() => {
    onOverlay?.(overlay);
    return () => onOverlay?.(null);
  }, [overlay, onOverlay]);
  return null;
}
