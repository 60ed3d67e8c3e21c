// "← 返回": back where the parent came from inside the page (keeping their search), else to `fallback`.
import type { MouseEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';

export function BackLink({ fallback, label }: { fallback: string; label: string }) {
  const location = useLocation();
  const navigate = useNavigate();
  // The first page of a visit has the key 'default': there is nothing of ours to go back to.
  const cameFromHere = location.key !== 'default';
  const onClick = (event: MouseEvent) => {
    if (!cameFromHere) return;
    event.preventDefault();
    void navigate(-1);
  };
  return (
    <Link to={fallback} className="back-link" onClick={onClick}>
      ← {label}
    </Link>
  );
}
