/**
 * Every dialog of the UI: Mantine's Modal, filling the screen on a phone (under 36em, 576 px) so
 * that its text and its buttons fit, centred and sized as asked on wider screens.
 */
import { Modal, type ModalProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

export function Dialog(props: ModalProps) {
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  return <Modal {...props} fullScreen={phone} size={phone ? '100%' : props.size} />;
}
