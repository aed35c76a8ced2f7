import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <div className="page narrow center-text">
      <h1>Page not found</h1>
      <p className="muted">The address may be mistyped, or the page has moved.</p>
      <p>
        <Link to="/">Go to your rooms</Link>
      </p>
    </div>
  );
}
