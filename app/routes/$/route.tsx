// Any address no other route claims: a real 404 rendered by the root error boundary.
export function loader() {
  throw new Response("If you typed the web address, check it is correct.", { status: 404 });
}

export default function NotFound() {
  return null;
}
